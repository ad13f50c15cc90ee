"""Asking the FAQ: answer, suggestions or an honest 'I don't know', and the clicks that follow."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Awaitable, Callable

import cards
from dialogs.questions import own_question
from dialogs.router import Router
from dialogs.types import MAX_TEXT_LENGTH, Incoming, Outcome, Reply
from i18n import t
from services.conversations import ConversationService
from services.faq import FaqService
from services.questions import QuestionService, QuestionView
from vocabulary.actions import CHOOSE, FEEDBACK, Choice, Feedback, QuestionClick


@dataclass
class FaqDialog:
    """Flows of an employee asking the FAQ; registered on a Router."""

    faq: FaqService
    questions: QuestionService
    conversations: ConversationService
    intents: dict[str, Callable[[Incoming], Awaitable[Outcome]]] = field(default_factory=dict)
    """Flows for built-in index entries (services/intents.py) the matcher may answer with."""

    def register(self, router: Router) -> None:
        """Attach this dialog's card actions to `router` (its question flow is the catch-all: dialogs/__init__.py)."""
        router.action(FEEDBACK)(self.feedback)
        router.action(CHOOSE)(self.choose)
        router.on_unknown_action(self.unknown_action)

    async def remember(self, incoming: Incoming) -> None:
        """Keep the conversation reference fresh for proactive messages."""
        await self.conversations.remember(
            conversation_id=incoming.conversation_id,
            conversation_type=incoming.conversation_type,
            user_key=incoming.user.key,
            tenant_id=incoming.tenant_id,
            reference=incoming.reference,
        )

    async def ask(self, incoming: Incoming) -> Outcome:
        """A free-text question: look it up and reply with the matching card."""
        lang = incoming.lang
        await self.remember(incoming)
        text = incoming.text.strip()
        if not text:
            key = "reply.attachments_only" if incoming.attachment_count else "reply.empty"
            return Outcome(replies=[Reply(text=t(key, lang))])
        if len(text) > MAX_TEXT_LENGTH:
            question = await self._record(incoming, lang, text, None)
            return Outcome(
                replies=[
                    Reply(text=t("reply.too_long", lang, length=len(text), limit=MAX_TEXT_LENGTH)),
                    Reply(card=cards.unknown_card(question_id=question.id, question=text, lang=lang)),
                ]
            )
        decision = await self.faq.decide(text)
        if decision.outcome == "answered" and decision.candidates[0].entry_id in self.intents:
            return await self.intents[decision.candidates[0].entry_id](incoming)
        question = await self._record(incoming, lang, text, decision)
        ids = [candidate.entry_id for candidate in decision.candidates]
        if decision.outcome == "answered":
            ids = [entry_id for entry_id in ids if entry_id not in self.intents]
        entries = await self.faq.entries(ids) if decision.outcome != "unknown" else {}
        entries.update(
            {
                doc.id: _doc_entry(doc)
                for doc in self.faq.built_in
                if doc.id in ids and doc.id in self.intents and decision.outcome == "suggested"
            }
        )
        found = [entries[entry_id] for entry_id in ids if entry_id in entries]
        if decision.outcome == "answered" and found:
            card = cards.answer_card(question_id=question.id, entry=found[0], lang=lang)
        elif decision.outcome == "suggested" and found:
            card = cards.suggestions_card(question_id=question.id, entries=found[:3], lang=lang)
        else:
            card = cards.unknown_card(question_id=question.id, question=text, lang=lang)
        return Outcome(replies=[Reply(card=card)])

    async def _record(self, incoming: Incoming, lang: str, text: str, decision) -> QuestionView:
        return await self.questions.record(
            user_key=incoming.user.key,
            user_name=incoming.user.name,
            conversation_id=incoming.conversation_id,
            language=lang,
            text=text,
            decision=decision,
        )

    async def _entry(self, entry_id: str) -> dict[str, Any] | None:
        if not entry_id:
            return None
        return (await self.faq.entries([entry_id])).get(entry_id)

    async def feedback(self, incoming: Incoming, click: Feedback) -> Outcome:
        """'Was dit nuttig?' Ja/Nee: record it and show the card in its after-state."""
        lang = incoming.lang
        question = await own_question(self.questions, incoming, click.question_id)
        if isinstance(question, Outcome):
            return question
        entry = await self._entry(click.entry_id)
        if entry is None:
            return Outcome(message=t("reply.entry_gone", lang))
        await self.questions.feedback(question.id, click.helpful, entry["id"])
        state = "helpful" if click.helpful else "not_helpful"
        return Outcome(card=cards.answer_card(question_id=question.id, entry=entry, lang=lang, feedback=state))

    async def choose(self, incoming: Incoming, click: Choice) -> Outcome:
        """The asker picked one of the suggestions: show it as the answer."""
        lang = incoming.lang
        question = await own_question(self.questions, incoming, click.question_id)
        if isinstance(question, Outcome):
            return question
        entry_id = click.entry_id
        if entry_id in self.intents:  # a suggested built-in such as 'wie is mijn kerngebruiker?'
            await self.questions.choose(question.id, entry_id)
            outcome = await self.intents[entry_id](incoming)
            return Outcome(replies=outcome.replies, message=t("reply.see_below", lang))
        entry = await self._entry(entry_id)
        if entry is None:
            return Outcome(message=t("reply.entry_gone", lang))
        await self.questions.choose(question.id, entry["id"])
        return Outcome(card=cards.answer_card(question_id=question.id, entry=entry, lang=lang))

    async def escalate_only(self, incoming: Incoming, click: QuestionClick) -> Outcome:
        """'Vraag het een kerngebruiker' without the ticket flow: record the question as unanswered and say so."""
        lang = incoming.lang
        question = await own_question(self.questions, incoming, click.question_id)
        if isinstance(question, Outcome):
            return question
        await self.questions.escalate(question.id)
        return Outcome(card=cards.escalated_card(question_id=question.id, question=question.text, lang=lang))

    async def unknown_action(self, incoming: Incoming) -> Outcome:
        """A button we don't (or no longer) know."""
        return Outcome(message=t("reply.unknown_action", incoming.lang))


def _doc_entry(doc) -> dict[str, Any]:
    """A built-in index entry in the FAQ entry shape the cards use."""
    return {
        "id": doc.id,
        "application": doc.application,
        "question": doc.question,
        "alternates": list(doc.alternates),
        "answer": doc.answer,
        "tags": list(doc.tags),
    }
