"""Texts of tickets: their cards, refusals and notes, thread posts and personal notices."""

from vocabulary import CloseReason, EventKind, ProposalStatus, TicketStatus

MESSAGES: dict[str, dict[str, str]] = {
    # --- ticket cards (cards/tickets.py) ---
    "ticket.card.form.title": {
        "nl": "Vraag het een kerngebruiker",
        "en": "Ask a key user",
    },
    "ticket.card.form.intro": {
        "nl": "Een kerngebruiker van de toepassing bekijkt je vraag en stuurt je hier een antwoord. Controleer je vraag en kies de toepassing.",
        "en": "A key user of the application looks at your question and sends you an answer here. Check your question and choose the application.",
    },
    "ticket.card.form.question": {"nl": "Je vraag", "en": "Your question"},
    "ticket.card.form.question_error": {
        "nl": "Vul je vraag in.",
        "en": "Please fill in your question.",
    },
    "ticket.card.form.application": {"nl": "Over welke toepassing gaat het?", "en": "Which application is it about?"},
    "ticket.card.form.application_placeholder": {"nl": "Kies een toepassing", "en": "Choose an application"},
    "ticket.card.form.application_other": {"nl": "Anders / weet ik niet", "en": "Other / I don't know"},
    "ticket.card.form.application_error": {
        "nl": "Kies de toepassing waar je vraag over gaat.",
        "en": "Choose the application your question is about.",
    },
    "ticket.card.form.context": {"nl": "Toelichting (mag leeg blijven)", "en": "Details (optional)"},
    "ticket.card.form.context_placeholder": {
        "nl": "Bijvoorbeeld: in welk scherm je zit, het zaaknummer, of wat je al geprobeerd hebt",
        "en": "For example: which screen you're on, the case number, or what you already tried",
    },
    "ticket.card.form.submit": {"nl": "Verstuur naar kerngebruiker", "en": "Send to key user"},
    "ticket.card.created.title": {"nl": "Je vraag is doorgezet", "en": "Your question has been passed on"},
    "ticket.card.created.text": {
        "nl": "Je vraag staat als **{number}** bij de groep {group}.",
        "en": "Your question is with the group {group} as **{number}**.",
    },
    "ticket.card.created.notify": {
        "nl": "Je krijgt hier in de chat een bericht zodra een kerngebruiker antwoordt.",
        "en": "You'll get a message here in the chat as soon as a key user answers.",
    },
    "ticket.card.created.due": {
        "nl": "We streven naar een eerste reactie vóór {when}.",
        "en": "We aim to respond for the first time before {when}.",
    },
    "ticket.card.title": {"nl": "Vraag {number}", "en": "Question {number}"},
    "ticket.card.status.open": {"nl": "Open: nog niet opgepakt", "en": "Open: not picked up yet"},
    "ticket.card.status.claimed": {"nl": "Opgepakt door {name}", "en": "Picked up by {name}"},
    "ticket.card.status.assigned": {"nl": "Toegewezen aan {name}", "en": "Assigned to {name}"},
    "ticket.card.status.claimed_nobody": {"nl": "Opgepakt", "en": "Picked up"},
    "ticket.card.status.escalated": {
        "nl": "Doorgezet naar functioneel beheer",
        "en": "Passed on to functional management",
    },
    "ticket.card.status.answered": {"nl": "Beantwoord door {name}", "en": "Answered by {name}"},
    "ticket.card.status.answered_nobody": {"nl": "Beantwoord", "en": "Answered"},
    "ticket.card.status.closed": {"nl": "Gesloten: {reason}", "en": "Closed: {reason}"},
    "ticket.card.status.closed_plain": {"nl": "Gesloten", "en": "Closed"},
    "ticket.card.close_reason.answered": {"nl": "beantwoord", "en": "answered"},
    "ticket.card.close_reason.duplicate": {"nl": "dubbel", "en": "duplicate"},
    "ticket.card.close_reason.duplicate_of": {"nl": "dubbel van {number}", "en": "duplicate of {number}"},
    "ticket.card.close_reason.not_a_question": {"nl": "geen vraag", "en": "not a question"},
    "ticket.card.close_reason.not_faq": {"nl": "geen FAQ-vraag", "en": "not an FAQ question"},
    "ticket.card.close_reason.resolved": {"nl": "opgelost volgens de vrager", "en": "solved according to the asker"},
    "ticket.card.fact.application": {"nl": "Toepassing", "en": "Application"},
    "ticket.card.fact.application_department": {
        "nl": "{application} ({department})",
        "en": "{application} ({department})",
    },
    "ticket.card.fact.asker": {"nl": "Gesteld door", "en": "Asked by"},
    "ticket.card.fact.created": {"nl": "Gesteld op", "en": "Asked on"},
    "ticket.card.fact.due": {"nl": "Eerste reactie vóór", "en": "First response before"},
    "ticket.card.fact.linked": {"nl": "Ook gevraagd door", "en": "Also asked by"},
    "ticket.card.linked.one": {"nl": "1 collega", "en": "1 colleague"},
    "ticket.card.linked.many": {"nl": "{count} collega's", "en": "{count} colleagues"},
    "ticket.card.question": {"nl": "Vraag", "en": "Question"},
    "ticket.card.context": {"nl": "Toelichting", "en": "Details"},
    "ticket.card.escalation_reason": {
        "nl": "Waarom doorgezet naar functioneel beheer",
        "en": "Why it was passed on to functional management",
    },
    "ticket.card.answer_by": {"nl": "Antwoord van {name}", "en": "Answer from {name}"},
    "ticket.card.answer_plain": {"nl": "Antwoord", "en": "Answer"},
    "ticket.card.reopen_remark": {
        "nl": "Heropend, de vrager schrijft",
        "en": "Reopened, the asker writes",
    },
    "ticket.card.faq_proposed": {
        "nl": "Dit antwoord is voorgesteld voor de FAQ.",
        "en": "This answer has been proposed for the FAQ.",
    },
    "ticket.card.history": {"nl": "Geschiedenis", "en": "History"},
    "ticket.card.history_line": {"nl": "{when} · {actor}: {what}", "en": "{when} · {actor}: {what}"},
    "ticket.card.history_detail": {"nl": "{what} ({detail})", "en": "{what} ({detail})"},
    "ticket.card.event.created": {"nl": "vraag gesteld", "en": "asked the question"},
    "ticket.card.event.claimed": {"nl": "opgepakt", "en": "picked it up"},
    "ticket.card.event.assigned": {"nl": "toegewezen", "en": "assigned it"},
    "ticket.card.event.answered": {"nl": "beantwoord", "en": "answered"},
    "ticket.card.event.reopened": {"nl": "heropend", "en": "reopened it"},
    "ticket.card.event.escalated": {
        "nl": "doorgezet naar functioneel beheer",
        "en": "passed it on to functional management",
    },
    "ticket.card.event.closed": {"nl": "gesloten", "en": "closed it"},
    "ticket.card.event.linked": {"nl": "stelde dezelfde vraag", "en": "asked the same question"},
    "ticket.card.event.reminder": {"nl": "herinnering gestuurd", "en": "reminder sent"},
    "ticket.card.event.overdue": {"nl": "reactietermijn verstreken", "en": "response target passed"},
    "ticket.card.event.faq_proposed": {"nl": "voorgesteld voor de FAQ", "en": "proposed for the FAQ"},
    "ticket.card.event.faq_approved": {"nl": "FAQ-voorstel goedgekeurd", "en": "approved the FAQ proposal"},
    "ticket.card.event.faq_rejected": {"nl": "FAQ-voorstel afgewezen", "en": "rejected the FAQ proposal"},
    "ticket.card.event.resolved": {"nl": "bevestigd dat het is opgelost", "en": "confirmed it is solved"},
    "ticket.card.event.other": {"nl": "gewijzigd", "en": "changed it"},
    "ticket.card.action.claim": {"nl": "Ik pak dit op", "en": "I'll take this"},
    "ticket.card.action.assign": {"nl": "Toewijzen aan …", "en": "Assign to …"},
    "ticket.card.action.answer": {"nl": "Beantwoorden", "en": "Answer"},
    "ticket.card.action.escalate": {
        "nl": "Doorzetten naar functioneel beheer",
        "en": "Pass on to functional management",
    },
    "ticket.card.action.close": {"nl": "Sluiten", "en": "Close"},
    "ticket.card.action.propose_faq": {"nl": "Maak FAQ van dit antwoord", "en": "Make an FAQ entry of this answer"},
    "ticket.card.input.assignee": {"nl": "Aan wie geef je deze vraag?", "en": "Who gets this question?"},
    "ticket.card.input.assignee_error": {"nl": "Kies een collega.", "en": "Choose a colleague."},
    "ticket.card.input.assign_submit": {"nl": "Toewijzen", "en": "Assign"},
    "ticket.card.input.answer": {
        "nl": "Je antwoord (de vrager krijgt dit in de chat)",
        "en": "Your answer (the asker gets this in the chat)",
    },
    "ticket.card.input.answer_error": {"nl": "Schrijf eerst je antwoord.", "en": "Please write your answer first."},
    "ticket.card.input.answer_submit": {"nl": "Stuur antwoord", "en": "Send answer"},
    "ticket.card.input.reason": {
        "nl": "Waarom zet je dit door? Wat heb je al uitgezocht?",
        "en": "Why are you passing this on? What have you already looked into?",
    },
    "ticket.card.input.reason_error": {
        "nl": "Schrijf kort waarom je dit doorzet.",
        "en": "Briefly write why you're passing this on.",
    },
    "ticket.card.input.escalate_submit": {"nl": "Doorzetten", "en": "Pass on"},
    "ticket.card.input.close_reason": {"nl": "Waarom sluit je deze vraag?", "en": "Why are you closing this question?"},
    "ticket.card.input.close_reason_error": {"nl": "Kies een reden.", "en": "Choose a reason."},
    "ticket.card.input.duplicate_of": {
        "nl": "Bij dubbel: nummer van de vraag die hetzelfde is (de vrager krijgt het antwoord daarop)",
        "en": "If duplicate: number of the question that is the same (the asker gets its answer)",
    },
    "ticket.card.input.duplicate_of_placeholder": {"nl": "Bijvoorbeeld VB-2026-0004", "en": "For example VB-2026-0004"},
    "ticket.card.input.close_submit": {"nl": "Vraag sluiten", "en": "Close question"},
    "ticket.card.answer.title": {"nl": "Antwoord op je vraag {number}", "en": "Answer to your question {number}"},
    "ticket.card.answer.your_question": {"nl": "Je vroeg:", "en": "You asked:"},
    "ticket.card.answer.solved_question": {"nl": "Opgelost?", "en": "Solved?"},
    "ticket.card.answer.yes": {"nl": "Ja", "en": "Yes"},
    "ticket.card.answer.no": {"nl": "Nee", "en": "No"},
    "ticket.card.answer.remark": {
        "nl": "Wat is er nog niet opgelost?",
        "en": "What is not solved yet?",
    },
    "ticket.card.answer.remark_error": {
        "nl": "Schrijf kort wat er nog niet klopt.",
        "en": "Briefly write what is still wrong.",
    },
    "ticket.card.answer.remark_submit": {"nl": "Vraag heropenen", "en": "Reopen question"},
    "ticket.card.answer.thanks_solved": {
        "nl": "Fijn dat je vraag is opgelost! Bedankt voor je reactie.",
        "en": "Glad your question is solved! Thanks for letting us know.",
    },
    "ticket.card.answer.reopened": {
        "nl": "We hebben je vraag heropend. Een kerngebruiker kijkt er opnieuw naar en stuurt je hier een bericht.",
        "en": "We've reopened your question. A key user will look at it again and send you a message here.",
    },
    "ticket.card.status_update.title": {
        "nl": "Nieuws over je vraag {number}",
        "en": "Update on your question {number}",
    },
    "ticket.card.status_update.reopened": {"nl": "Heropend: {remark}", "en": "Reopened: {remark}"},
    "ticket.card.status_update.duplicate": {
        "nl": "Dezelfde vraag staat al als {number}. Het antwoord daarop krijg je hier in de chat.",
        "en": "The same question is already there as {number}. You'll get its answer here in the chat.",
    },
    "ticket.card.mine.title": {"nl": "Mijn vragen", "en": "My questions"},
    "ticket.card.mine.empty": {
        "nl": "Je hebt nog geen vragen aan een kerngebruiker gesteld.",
        "en": "You haven't asked a key user any questions yet.",
    },
    "ticket.card.mine.changed": {"nl": "Laatst gewijzigd: {when}", "en": "Last change: {when}"},
    "ticket.card.list.more": {
        "nl": "En nog {count} andere.",
        "en": "And {count} more.",
    },
    "ticket.card.open.title": {"nl": "Openstaande vragen: {group}", "en": "Open questions: {group}"},
    "ticket.card.open.empty": {
        "nl": "Er staan geen open vragen voor {group}.",
        "en": "There are no open questions for {group}.",
    },
    "ticket.card.open.title_channel": {
        "nl": "Openstaande vragen in dit kanaal",
        "en": "Open questions in this channel",
    },
    "ticket.card.open.group": {"nl": "{group} ({count})", "en": "{group} ({count})"},
    "ticket.card.open.none_for": {"nl": "Geen open vragen voor {group}.", "en": "No open questions for {group}."},
    "ticket.card.open.state": {"nl": "{status} · {age}", "en": "{status} · {age}"},
    "ticket.card.open.age": {"nl": "{age} oud", "en": "{age} old"},
    "ticket.card.faq.title": {"nl": "Voorstel voor de FAQ", "en": "Proposal for the FAQ"},
    "ticket.card.faq.intro": {
        "nl": "Een kerngebruiker stelt voor dit antwoord in de FAQ te zetten. Goedkeuren zet precies de tekst hieronder in de FAQ; wil je iets veranderen, kies dan eerst Aanpassen en sla je wijzigingen op.",
        "en": "A key user proposes to add this answer to the FAQ. Approve puts exactly the text below into the FAQ; to change something, first choose Edit and save your changes.",
    },
    "ticket.card.faq.ticket": {"nl": "Vraag", "en": "Question"},
    "ticket.card.faq.proposed_by": {"nl": "Voorgesteld door", "en": "Proposed by"},
    "ticket.card.faq.target": {"nl": "FAQ-item", "en": "FAQ entry"},
    "ticket.card.faq.new_entry": {"nl": "nieuw item", "en": "new entry"},
    "ticket.card.faq.existing_entry": {
        "nl": "werkt bestaand item bij: {question}",
        "en": "updates existing entry: {question}",
    },
    "ticket.card.faq.question": {"nl": "Vraag zoals die in de FAQ komt", "en": "Question as it will appear in the FAQ"},
    "ticket.card.faq.question_error": {"nl": "Vul de vraag in.", "en": "Please fill in the question."},
    "ticket.card.faq.alternates": {
        "nl": "Andere manieren om het te vragen (één per regel, mag leeg blijven)",
        "en": "Other ways to ask it (one per line, optional)",
    },
    "ticket.card.faq.alternates_shown": {"nl": "Andere manieren om het te vragen", "en": "Other ways to ask it"},
    "ticket.card.faq.answer": {"nl": "Antwoord", "en": "Answer"},
    "ticket.card.faq.answer_error": {"nl": "Vul het antwoord in.", "en": "Please fill in the answer."},
    "ticket.card.faq.approve": {"nl": "Goedkeuren", "en": "Approve"},
    "ticket.card.faq.edit": {"nl": "Aanpassen", "en": "Edit"},
    "ticket.card.faq.save": {"nl": "Wijzigingen opslaan", "en": "Save changes"},
    "ticket.card.faq.reject": {"nl": "Afwijzen", "en": "Reject"},
    "ticket.card.faq.approved_by": {
        "nl": "Goedgekeurd door {name}: dit staat nu in de FAQ.",
        "en": "Approved by {name}: this is now in the FAQ.",
    },
    "ticket.card.faq.approved": {
        "nl": "Goedgekeurd: dit staat nu in de FAQ.",
        "en": "Approved: this is now in the FAQ.",
    },
    "ticket.card.faq.rejected_by": {"nl": "Afgewezen door {name}.", "en": "Rejected by {name}."},
    "ticket.card.faq.rejected": {"nl": "Afgewezen.", "en": "Rejected."},
    # --- refusals and notes answered to a click (services/tickets.py, dialogs/tickets.py) ---
    "ticket.refused.empty": {
        "nl": "Je vraag is leeg. Typ je vraag in het formulier en verstuur het opnieuw.",
        "en": "Your question is empty. Type your question in the form and send it again.",
    },
    "ticket.refused.unknown_application": {
        "nl": "Voor '{application}' is geen kerngebruikersgroep. Kies een applicatie uit de lijst.",
        "en": "There is no key-user group for '{application}'. Please pick an application from the list.",
    },
    "ticket.refused.no_group": {
        "nl": "Er is nog geen kerngebruikersgroep voor {application}. Je vraag is bewaard; functioneel beheer kijkt ernaar.",
        "en": "There is no key-user group for {application} yet. Your question was saved; functional management will look at it.",
    },
    "ticket.refused.too_long": {
        "nl": "Je tekst is te lang ({length} tekens, maximaal {limit}). Maak hem korter en verstuur opnieuw; er is niets veranderd.",
        "en": "Your text is too long ({length} characters, at most {limit}). Please shorten it and send again; nothing was changed.",
    },
    "ticket.refused.unknown": {
        "nl": "Dit ticket ken ik niet (meer).",
        "en": "I don't know this ticket (any more).",
    },
    "ticket.refused.busy": {
        "nl": "Er gebeurde tegelijk iets anders met dit ticket. Probeer het nog een keer.",
        "en": "Something else happened to this ticket at the same moment. Please try again.",
    },
    "ticket.refused.not_allowed": {
        "nl": "Dit kan alleen een kerngebruiker van deze groep of functioneel beheer. Er is niets veranderd.",
        "en": "Only a key user of this group or functional management can do this. Nothing was changed.",
    },
    "ticket.refused.not_a_member": {
        "nl": "Die persoon hoort niet bij deze groep. Kies iemand uit de lijst.",
        "en": "That person is not in this group. Please pick someone from the list.",
    },
    "ticket.refused.empty_answer": {
        "nl": "Het antwoord is leeg. Typ je antwoord en verstuur het opnieuw.",
        "en": "The answer is empty. Type your answer and send it again.",
    },
    "ticket.refused.empty_reason": {
        "nl": "Geef een reden op, zodat functioneel beheer weet waarom.",
        "en": "Please give a reason, so functional management knows why.",
    },
    "ticket.refused.no_second_line": {
        "nl": "Er is nog geen kanaal van functioneel beheer gekoppeld. Vraag functioneel beheer om 'koppel functioneel beheer' in hun kanaal te typen.",
        "en": "No functional-management channel is linked yet. Ask functional management to type 'link functional management' in their channel.",
    },
    "ticket.refused.close_reason": {
        "nl": "Kies waarom je het ticket sluit: beantwoord, dubbel, geen vraag of geen FAQ-vraag.",
        "en": "Choose why you close the ticket: answered, duplicate, not a question or not an FAQ question.",
    },
    "ticket.refused.duplicate_number": {
        "nl": "Vul bij 'dubbel' het nummer in van de vraag die hetzelfde is, bijvoorbeeld VB-2026-0004. Er is niets veranderd.",
        "en": "With 'duplicate', fill in the number of the question that is the same, for example VB-2026-0004. Nothing was changed.",
    },
    "ticket.refused.duplicate_unknown": {
        "nl": "Een vraag {number} ken ik niet. Controleer het nummer; er is niets veranderd.",
        "en": "I don't know a question {number}. Please check the number; nothing was changed.",
    },
    "ticket.refused.duplicate_self": {
        "nl": "{number} is deze vraag zelf. Vul het nummer in van de andere vraag; er is niets veranderd.",
        "en": "{number} is this question itself. Fill in the number of the other question; nothing was changed.",
    },
    "ticket.refused.duplicate_closed": {
        "nl": "{number} is al gesloten zonder antwoord, dus de vrager zou niets krijgen. Kies een andere vraag of een andere reden; er is niets veranderd.",
        "en": "{number} was already closed without an answer, so the asker would get nothing. Choose another question or another reason; nothing was changed.",
    },
    "ticket.refused.empty_remark": {
        "nl": "Vertel kort wat er nog niet werkt, dan kijkt de kerngebruiker opnieuw.",
        "en": "Tell us briefly what still doesn't work, and the key user will look again.",
    },
    "ticket.refused.not_your_ticket": {
        "nl": "Deze knop hoort bij de vraag van iemand anders.",
        "en": "This button belongs to someone else's question.",
    },
    "ticket.note.linked": {
        "nl": "Een collega stelde net dezelfde vraag ({number}). Ik heb je eraan gekoppeld: je krijgt het antwoord ook.",
        "en": "A colleague just asked the same question ({number}). I've linked you to it: you'll get the answer too.",
    },
    "ticket.note.taken": {
        "nl": "Dit ticket is al toegewezen aan {name}.",
        "en": "This ticket is already assigned to {name}.",
    },
    "ticket.note.already_escalated": {
        "nl": "Dit ticket ligt al bij functioneel beheer.",
        "en": "This ticket is already with functional management.",
    },
    "ticket.note.closed": {
        "nl": "Dit ticket is al gesloten.",
        "en": "This ticket is already closed.",
    },
    "ticket.note.already_handled": {
        "nl": "Dit is al verwerkt. Dank je!",
        "en": "This has already been handled. Thank you!",
    },
    "ticket.note.unchanged": {
        "nl": "Er is niets veranderd.",
        "en": "Nothing was changed.",
    },
    "ticket.note.no_answer_yet": {
        "nl": "Er is nog geen antwoord om een FAQ van te maken.",
        "en": "There is no answer yet to make an FAQ entry from.",
    },
    "ticket.note.already_proposed": {
        "nl": "Dit antwoord is al voorgesteld als FAQ.",
        "en": "This answer has already been proposed as an FAQ entry.",
    },
    "ticket.note.status.escalated": {
        "nl": "Dit kan nu niet: het ticket ligt bij functioneel beheer.",
        "en": "That's not possible now: the ticket is with functional management.",
    },
    "ticket.note.status.answered": {
        "nl": "Dit kan nu niet: het ticket is al beantwoord.",
        "en": "That's not possible now: the ticket has already been answered.",
    },
    "ticket.note.status.closed": {
        "nl": "Dit kan nu niet: het ticket is gesloten.",
        "en": "That's not possible now: the ticket is closed.",
    },
    # --- posts in a ticket's channel thread (services/tickets.py, services/ticket_delivery.py) ---
    "ticket.thread.linked": {
        "nl": "{name} stelde dezelfde vraag en is aan dit ticket gekoppeld.",
        "en": "{name} asked the same question and has been linked to this ticket.",
    },
    "ticket.thread.claimed": {
        "nl": "{name} pakt dit op.",
        "en": "{name} is picking this up.",
    },
    "ticket.thread.assigned": {
        "nl": "{name} heeft dit ticket toegewezen aan {assignee}.",
        "en": "{name} assigned this ticket to {assignee}.",
    },
    "ticket.thread.assignee_unreachable": {
        "nl": "{name}: ik kon {assignee} niet bereiken in een persoonlijke chat, dus {assignee} weet nog niet van deze toewijzing. Het ticket staat wel op naam van {assignee}: laat het {assignee} zelf weten. (Een persoonlijke chat lukt meestal pas als {assignee} Vraagbaak een keer heeft geopend.)",
        "en": "{name}: I couldn't reach {assignee} in a personal chat, so {assignee} doesn't know about this assignment yet. The ticket is still assigned to {assignee}: please let {assignee} know yourself. (A personal chat usually only works once {assignee} has opened Vraagbaak.)",
    },
    "ticket.thread.answered": {
        "nl": "{name} heeft geantwoord:\n\n{answer}",
        "en": "{name} answered:\n\n{answer}",
    },
    "ticket.thread.escalated": {
        "nl": "{name} heeft dit doorgezet naar {group}. Reden: {reason}",
        "en": "{name} passed this on to {group}. Reason: {reason}",
    },
    "ticket.thread.closed": {
        "nl": "{name} heeft dit ticket gesloten ({reason_label}).",
        "en": "{name} closed this ticket ({reason_label}).",
    },
    "ticket.thread.closed_duplicate": {
        "nl": "{name} heeft dit ticket gesloten: het is een dubbel van {duplicate_of}. De vrager krijgt het antwoord op {duplicate_of}.",
        "en": "{name} closed this ticket: it duplicates {duplicate_of}. The asker will get the answer to {duplicate_of}.",
    },
    "ticket.thread.duplicate_joined": {
        "nl": "{name} heeft {number} gesloten als dubbel van dit ticket. Wie {number} vroeg, krijgt het antwoord hierop ook.",
        "en": "{name} closed {number} as a duplicate of this ticket. Whoever asked {number} gets the answer to this one too.",
    },
    "ticket.thread.resolved": {
        "nl": "{name} laat weten dat het antwoord het probleem heeft opgelost. Ticket gesloten.",
        "en": "{name} says the answer solved the problem. Ticket closed.",
    },
    "ticket.thread.reopened": {
        "nl": "{name} laat weten dat het nog niet is opgelost: {remark}",
        "en": "{name} says it is not solved yet: {remark}",
    },
    "ticket.thread.faq_proposed": {
        "nl": "{name} heeft dit antwoord als FAQ voorgesteld aan {group}.",
        "en": "{name} proposed this answer as an FAQ entry to {group}.",
    },
    "ticket.thread.reminder": {
        "nl": "Herinnering: {number} wacht nog op een kerngebruiker. De helft van de reactietijd is voorbij.",
        "en": "Reminder: {number} is still waiting for a key user. Half of the response time has passed.",
    },
    "ticket.thread.overdue": {
        "nl": "{number} heeft de reactietijd overschreden. De voorzitter is op de hoogte gebracht.",
        "en": "{number} has passed its response time. The chair has been told.",
    },
    # --- notices in someone's personal chat ---
    "ticket.notify.assigned_to_you": {
        "nl": "{name} heeft ticket {number} aan jou toegewezen. Je vindt het in het kanaal van je kerngebruikersgroep.",
        "en": "{name} assigned ticket {number} to you. You'll find it in your key-user group's channel.",
    },
    "ticket.notify.reopened_to_you": {
        "nl": "{name} laat weten dat {number} nog niet is opgelost: {remark}",
        "en": "{name} says {number} is not solved yet: {remark}",
    },
    "ticket.notify.overdue_chair": {
        "nl": "Als voorzitter van {group}: ticket {number} is niet op tijd opgepakt (streefdatum {due} UTC). Vraag: {question}",
        "en": "As chair of {group}: ticket {number} was not picked up in time (target {due} UTC). Question: {question}",
    },
}

# Keys chosen by a stored value (a ticket's status, close reason, event kind; a proposal's status): each table
# names its keys whole, so tests/test_i18n.py sees every one. Keyed by the vocabulary's enums: they are the stored
# strings, so a value read from the database finds its key too.

STATUS_LABEL: dict[str, str] = {
    TicketStatus.OPEN: "ticket.card.status.open",
    TicketStatus.CLAIMED: "ticket.card.status.claimed_nobody",
    TicketStatus.ESCALATED: "ticket.card.status.escalated",
    TicketStatus.ANSWERED: "ticket.card.status.answered_nobody",
    TicketStatus.CLOSED: "ticket.card.status.closed_plain",
}
"""A ticket's status on its card when no one is named and no reason is given."""

CLOSE_REASON_LABEL: dict[str, str] = {
    CloseReason.ANSWERED: "ticket.card.close_reason.answered",
    CloseReason.DUPLICATE: "ticket.card.close_reason.duplicate",
    CloseReason.NOT_A_QUESTION: "ticket.card.close_reason.not_a_question",
    CloseReason.NOT_FAQ: "ticket.card.close_reason.not_faq",
    CloseReason.RESOLVED: "ticket.card.close_reason.resolved",
}
"""A close reason as the card and the thread name it."""

EVENT_LABEL: dict[str, str] = {
    EventKind.CREATED: "ticket.card.event.created",
    EventKind.CLAIMED: "ticket.card.event.claimed",
    EventKind.ASSIGNED: "ticket.card.event.assigned",
    EventKind.ANSWERED: "ticket.card.event.answered",
    EventKind.REOPENED: "ticket.card.event.reopened",
    EventKind.ESCALATED: "ticket.card.event.escalated",
    EventKind.CLOSED: "ticket.card.event.closed",
    EventKind.LINKED: "ticket.card.event.linked",
    EventKind.REMINDER: "ticket.card.event.reminder",
    EventKind.OVERDUE: "ticket.card.event.overdue",
    EventKind.FAQ_PROPOSED: "ticket.card.event.faq_proposed",
    EventKind.FAQ_APPROVED: "ticket.card.event.faq_approved",
    EventKind.FAQ_REJECTED: "ticket.card.event.faq_rejected",
    EventKind.RESOLVED: "ticket.card.event.resolved",
}
"""What a history event did; a kind not in here is 'ticket.card.event.other'."""

PROPOSAL_DECIDED: dict[str, str] = {
    ProposalStatus.APPROVED: "ticket.card.faq.approved",
    ProposalStatus.REJECTED: "ticket.card.faq.rejected",
}
"""A decided FAQ proposal whose decider is not known."""

PROPOSAL_DECIDED_BY: dict[str, str] = {
    ProposalStatus.APPROVED: "ticket.card.faq.approved_by",
    ProposalStatus.REJECTED: "ticket.card.faq.rejected_by",
}
"""A decided FAQ proposal with the name of who decided it."""
