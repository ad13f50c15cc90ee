"""Texts of `vraagbaak demo` (services/demo.py)."""

MESSAGES: dict[str, dict[str, str]] = {
    "demo.node_missing": {
        "nl": "Node.js ontbreekt; de Playground heeft het nodig. Voer eerst `bash scripts/setup.sh` uit.",
        "en": "Node.js is missing; the Playground needs it. Run `bash scripts/setup.sh` first.",
    },
    "demo.playground_missing": {
        "nl": "De Microsoft 365 Agents Playground is niet geïnstalleerd ({path} ontbreekt). Voer eerst `bash scripts/setup.sh` uit.",
        "en": "The Microsoft 365 Agents Playground is not installed ({path} is missing). Run `bash scripts/setup.sh` first.",
    },
    "demo.port_busy": {
        "nl": "Poort {port} op {host} is al in gebruik. Stop het andere programma of kies een andere poort met --port.",
        "en": "Port {port} on {host} is already in use. Stop the other program or pick another port with --port.",
    },
    "demo.starting": {
        "nl": "Vraagbaak en de Microsoft 365 Agents Playground starten...",
        "en": "Starting Vraagbaak and the Microsoft 365 Agents Playground...",
    },
    "demo.ready": {
        "nl": "Klaar. Open {url} in je browser en stel je vraag in de persoonlijke chat (Personal Chat).\nBot: {bot_url} · Playground-log: {log} · Stoppen: Ctrl-C",
        "en": "Ready. Open {url} in your browser and ask your question in the personal chat (Personal Chat).\nBot: {bot_url} · Playground log: {log} · Stop: Ctrl-C",
    },
    "demo.exited_early": {
        "nl": "{name} stopte voordat hij klaar was (exitcode {code}). Zie de uitvoer hierboven of {log}.",
        "en": "{name} stopped before it was ready (exit code {code}). See the output above or {log}.",
    },
    "demo.timeout": {
        "nl": "{name} was na {seconds} seconden nog niet klaar. Zie de uitvoer hierboven of {log}.",
        "en": "{name} was not ready after {seconds} seconds. See the output above or {log}.",
    },
    "demo.stopped_unexpectedly": {
        "nl": "{name} is onverwacht gestopt (exitcode {code}); de demo stopt.",
        "en": "{name} stopped unexpectedly (exit code {code}); the demo stops.",
    },
    "demo.stopping": {
        "nl": "Vraagbaak en de Playground worden gestopt.",
        "en": "Stopping Vraagbaak and the Playground.",
    },
}
