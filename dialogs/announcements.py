"""Announcements in Teams: the functional managers' form, list and card actions, approval, and readers' 'Gelezen'."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Awaitable, Callable, TypeVar

from cards.announcement_form import announcement_form_card, approval_card, author_buttons, my_announcements_card
from cards.announcements import announcement_report_card, render_for
from cards.views import AnnouncementView
from dialogs.announcement_form import draft_of, form_of
from dialogs.router import Router
from dialogs.tickets import actor_of
from dialogs.types import Incoming, Outcome, Reply
from i18n import t
from i18n.messages.authoring import AUTHORING_STATUS
from services.announcement_drafts import DraftError
from services.announcement_previews import AuthorChat
from services.announcements import (
    AnnouncementNotFound,
    AnnouncementService,
    NotARecipient,
    StaleAnnouncement,
    WrongStatus,
)
from services.clock import REAL_CLOCK, Clock
from services.conversations import ConversationService
from services.directory import DirectoryService, NotAllowed
from services.sign_in import SignIn, TeamsSignIn, TokenRefused
from vocabulary import LIVE_STATUSES, AnnouncementStatus, GroupKind, Role
from vocabulary.actions import (
    ACK_ANNOUNCEMENT,
    APPROVE_ANNOUNCEMENT,
    CANCEL_ANNOUNCEMENT,
    EDIT_ANNOUNCEMENT,
    NEW_ANNOUNCEMENT,
    PREVIEW_ANNOUNCEMENT,
    RECALL_ANNOUNCEMENT,
    SAVE_ANNOUNCEMENT,
    SEND_BACK_ANNOUNCEMENT,
    SUBMIT_ANNOUNCEMENT,
    SUBMIT_AS_ME_ANNOUNCEMENT,
    AnnouncementClick,
    AnnouncementForm,
    AnnouncementSendBack,
    AuthoringClick,
    AuthoringVersion,
    NewAnnouncement,
)

NEW_PATTERN = r"\s*(nieuwe aankondiging|aankondiging maken|new announcement)\s*[.!?]*\s*"
MINE_PATTERN = r"\s*(mijn aankondigingen|my announcements)\s*[.!?]*\s*"
C = TypeVar("C")
log = logging.getLogger(__name__)


@dataclass
class AnnouncementDialog:
    """Writing, approving and sending announcements (functional managers and admins), and reading them (everyone)."""

    announcements: AnnouncementService
    directory: DirectoryService
    conversations: ConversationService
    clock: Clock = REAL_CLOCK
    prepare: Callable[[Incoming], Awaitable[Incoming]] | None = None
    """The router's before-hooks (the person's language), for the answers to 'Gelezen' that need them; set by
    `register`."""
    sign_in: TeamsSignIn | None = None
    """Teams single sign-on for 'Versturen als mij' (None: not configured, the button is not offered)."""

    def register(self, router: Router) -> None:
        """Attach this dialog's card actions to `router` (its commands are listed in dialogs/__init__.py)."""
        router.action(NEW_ANNOUNCEMENT)(self._authoring(self.new_from_button))
        router.action(SAVE_ANNOUNCEMENT)(self._authoring(self.save))
        router.action(PREVIEW_ANNOUNCEMENT)(self._authoring(self.preview))
        router.action(SUBMIT_ANNOUNCEMENT)(self._authoring(self.submit))
        router.action(SUBMIT_AS_ME_ANNOUNCEMENT)(self._authoring(self.submit_as_me))
        router.action(EDIT_ANNOUNCEMENT)(self._authoring(self.edit))
        router.action(CANCEL_ANNOUNCEMENT)(self._authoring(self.cancel))
        router.action(RECALL_ANNOUNCEMENT)(self._authoring(self.recall))
        router.action(APPROVE_ANNOUNCEMENT)(self._authoring(self.approve))
        router.action(SEND_BACK_ANNOUNCEMENT)(self._authoring(self.send_back))
        self.prepare = router.prepare
        router.action(ACK_ANNOUNCEMENT, prepared=False)(self.acknowledge)  # the acknowledged card is the same for all

    # ------------------------------------------------------------------ plumbing
    async def _may_author(self, incoming: Incoming) -> bool:
        """Whether the person is a functional manager or an admin."""
        return (await self.directory.role(incoming.user.key)).includes(Role.FUNCTIONAL_MANAGER)

    async def _in_place(self, incoming: Incoming) -> bool:
        """Commands work in the personal chat and in a channel linked to functional management."""
        if incoming.conversation_type == "personal":
            return True
        if incoming.conversation_type != "channel" or not incoming.channel_id:
            return False
        groups = await self.directory.groups_in_channel(incoming.channel_id)
        return any(group.kind == GroupKind.FUNCTIONAL_MANAGEMENT for group in groups)

    def _authoring(
        self, flow: Callable[[Incoming, C], Awaitable[Outcome]]
    ) -> Callable[[Incoming, C], Awaitable[Outcome]]:
        """Wrap an authoring card action: only functional managers and admins; the service's refusals politely."""

        async def run(incoming: Incoming, click: C) -> Outcome:
            lang = incoming.lang
            if not await self._may_author(incoming):
                return Outcome(message=t("authoring.refused.role", lang))
            try:
                return await flow(incoming, click)
            except AnnouncementNotFound:
                return Outcome(message=t("authoring.refused.not_found", lang))
            except WrongStatus as wrong:
                return Outcome(message=self._wrong_status(wrong.status, lang))
            except NotAllowed:
                return Outcome(message=t("authoring.refused.role", lang))

        return run

    @staticmethod
    def _wrong_status(status: str, lang: str) -> str:
        """'That's no longer possible: it is now <status>' (a busy retry says it without a status)."""
        if status in tuple(AnnouncementStatus):
            name = t(AUTHORING_STATUS[AnnouncementStatus(status)], lang).lower()
            return t("authoring.refused.status", lang, status=name)
        return t("reply.error", lang)

    async def _view(self, announcement_id: int) -> AnnouncementView:
        view = await self.announcements.get(announcement_id)
        if view is None:
            raise AnnouncementNotFound(announcement_id)
        return view

    async def _form(
        self,
        form: AnnouncementForm,
        lang: str,
        view: AnnouncementView | None,
        *,
        errors: dict[str, str] | None = None,
        note: str | None = None,
    ) -> dict:
        applications = await self.directory.applications()
        return announcement_form_card(
            form=form,
            lang=lang,
            applications=applications,
            view=view,
            errors=errors,
            note=note,
            sign_in=await self._may_post_as_author(),
        )

    async def _may_post_as_author(self) -> bool:
        """Whether 'Versturen als mij' can post as the author: single sign-on and Graph on, no four-eyes approval
        (an approved announcement goes out later, long after the author's token expired)."""
        if self.sign_in is None or not self.announcements.posts_as_author:
            return False
        return not await self.announcements.approval_required()

    def _report(self, view: AnnouncementView) -> dict:
        """The author's card of an announcement as it stands, with the buttons its status allows."""
        lang = view.language
        return announcement_report_card(view=view, lang=lang, buttons=author_buttons(view, lang))

    async def _remember(self, incoming: Incoming) -> None:
        """Keep the conversation's reference, so notices about the author's announcements can reach them."""
        await self.conversations.remember(
            conversation_id=incoming.conversation_id,
            conversation_type=incoming.conversation_type,
            user_key=incoming.user.key if incoming.conversation_type == "personal" else None,
            tenant_id=incoming.tenant_id,
            reference=incoming.reference,
        )

    # ------------------------------------------------------------------ commands
    async def new(self, incoming: Incoming) -> Outcome:
        """'nieuwe aankondiging': the empty form."""
        lang = incoming.lang
        refusal = await self._refusal(incoming)
        if refusal is not None:
            return refusal
        await self._remember(incoming)
        return Outcome(replies=[Reply(card=await self._form(AnnouncementForm(), lang, None))])

    async def mine(self, incoming: Incoming) -> Outcome:
        """'mijn aankondigingen': the author's announcements with their status, counts and buttons."""
        lang = incoming.lang
        refusal = await self._refusal(incoming)
        if refusal is not None:
            return refusal
        await self._remember(incoming)
        views = await self.announcements.mine(actor_of(incoming, lang))
        return Outcome(replies=[Reply(card=my_announcements_card(announcements=views, lang=lang))])

    async def _refusal(self, incoming: Incoming) -> Outcome | None:
        """The polite answer to someone who may not write announcements, or in a place they are not written."""
        lang = incoming.lang
        if not await self._may_author(incoming):
            return Outcome(replies=[Reply(text=t("authoring.refused.role", lang))])
        if not await self._in_place(incoming):
            return Outcome(replies=[Reply(text=t("authoring.refused.place", lang))])
        return None

    # ------------------------------------------------------------------ the form
    async def new_from_button(self, incoming: Incoming, _click: NewAnnouncement) -> Outcome:
        """'Nieuwe aankondiging' on the list: an empty form below it."""
        lang = incoming.lang
        card = await self._form(AnnouncementForm(), lang, None)
        return Outcome(replies=[Reply(card=card)], message=t("authoring.reply.form_below", lang))

    async def save(self, incoming: Incoming, form: AnnouncementForm) -> Outcome:
        """'Opslaan': the typed values stored as a draft (or the next revision); what is wrong shown on the form, with
        the typed values kept."""
        lang = incoming.lang
        actor = actor_of(incoming, lang)
        view = await self._view(form.announcement_id) if form.announcement_id is not None else None
        try:
            draft = draft_of(form, self.clock())
        except DraftError as error:
            return Outcome(card=await self._form(form, lang, view, errors=error.errors))
        try:
            if view is None:
                saved = await self.announcements.create(actor, draft)
            else:
                saved = await self.announcements.edit(actor, view.id, draft, revision=form.revision)
        except DraftError as error:
            return Outcome(card=await self._form(form, lang, view, errors=error.errors))
        except StaleAnnouncement as stale:  # keep what they typed; the next Opslaan stores it over the newer version
            return Outcome(card=await self._form(form, lang, stale.view, note="authoring.note.stale_typed"))
        note = "authoring.note.live_saved" if saved.status in LIVE_STATUSES else "authoring.note.saved"
        return Outcome(card=await self._form(form_of(saved), lang, saved, note=note))

    async def _shown(self, incoming: Incoming, click: AuthoringVersion) -> AnnouncementView | Outcome:
        """The announcement when the card shows its stored revision; else the form as it is now, saying so."""
        view = await self._view(click.announcement_id)
        if view.revision != click.revision:
            return Outcome(card=await self._form(form_of(view), incoming.lang, view, note="authoring.note.stale"))
        return view

    async def preview(self, incoming: Incoming, click: AuthoringVersion) -> Outcome:
        """'Voorbeeld': the recipient's card of the stored version, to the author only: as a reply in their chat, or
        from a channel in their personal chat (in the thread when the bot has no chat with them)."""
        lang = incoming.lang
        view = await self._shown(incoming, click)
        if isinstance(view, Outcome):
            return view
        card = render_for(view, acknowledged=False, lang=view.language)
        intro = t("authoring.reply.preview", lang)
        if incoming.conversation_type != "personal":  # not in the channel's thread: to the author only
            if await AuthorChat(self.announcements.jobs, self.conversations).post(
                incoming.user.key, text=intro, card=card
            ):
                return Outcome(message=t("authoring.reply.preview_in_chat", lang))
        replies = [Reply(text=intro), Reply(card=card)]
        return Outcome(replies=replies, message=t("authoring.reply.preview_below", lang))

    async def submit(self, incoming: Incoming, click: AuthoringVersion) -> Outcome:
        """'Versturen': the stored version goes out now or at its send time, or waits for approval; the form becomes
        the author's card with the live counts."""
        return await self._submit(incoming, click)

    async def submit_as_me(self, incoming: Incoming, click: AuthoringVersion) -> Outcome:
        """'Versturen als mij': Teams signs the author in (single sign-on) and sends the click again with their
        token; then it goes out now as 'Versturen' does, its channel cards posted through Graph as the author."""
        lang = incoming.lang
        if self.sign_in is None or not await self._may_post_as_author():
            return Outcome(message=t("authoring.sign_in.off", lang))
        if incoming.sign_in_token is None:
            return Outcome(sign_in=t("authoring.sign_in.request", lang))
        try:
            sign_in = await self.sign_in.sign_in(incoming.sign_in_token, incoming.user.aad_object_id, self.clock())
        except TokenRefused as refused:
            log.info("Sign-in of %s refused: %s", incoming.user.key, refused)
            return Outcome(message=t("authoring.sign_in.refused", lang))
        return await self._submit(incoming, click, sign_in=sign_in)

    async def _submit(self, incoming: Incoming, click: AuthoringVersion, *, sign_in: SignIn | None = None) -> Outcome:
        lang = incoming.lang
        shown = await self._shown(incoming, click)
        if isinstance(shown, Outcome):
            return shown
        try:
            view = await self.announcements.submit(
                actor_of(incoming, lang),
                shown.id,
                send_now=shown.send_at is None,
                revision=click.revision,
                sign_in=sign_in,
            )
        except DraftError as error:
            return Outcome(card=await self._form(form_of(shown), lang, shown, errors=error.errors))
        except StaleAnnouncement as stale:
            return Outcome(card=await self._form(form_of(stale.view), lang, stale.view, note="authoring.note.stale"))
        if incoming.reply_to_id:
            await self.announcements.set_report_card(view.id, incoming.conversation_id, incoming.reply_to_id)
        message = (
            t("authoring.reply.approval_asked", lang) if view.status == AnnouncementStatus.AWAITING_APPROVAL else None
        )
        return Outcome(card=self._report(view), message=message)

    # ------------------------------------------------------------------ the author's card
    async def edit(self, incoming: Incoming, click: AuthoringClick) -> Outcome:
        """'Bewerken': the form filled in with the stored version, below the card (which keeps its live counts)."""
        lang = incoming.lang
        view = await self._view(click.announcement_id)
        if view.status in (AnnouncementStatus.CANCELLED, AnnouncementStatus.RECALLED):
            return Outcome(message=self._wrong_status(view.status, lang))
        card = await self._form(form_of(view), lang, view)
        return Outcome(replies=[Reply(card=card)], message=t("authoring.reply.form_below", lang))

    async def cancel(self, incoming: Incoming, click: AuthoringClick) -> Outcome:
        """'Annuleren' of a scheduled (or awaiting) announcement."""
        view = await self.announcements.cancel(actor_of(incoming, incoming.lang), click.announcement_id)
        return await self._after(incoming, click, view, t("authoring.reply.cancelled", incoming.lang))

    async def recall(self, incoming: Incoming, click: AuthoringClick) -> Outcome:
        """'Ja, terugroepen' (the card asked first): every delivered card is deleted."""
        view = await self.announcements.recall(actor_of(incoming, incoming.lang), click.announcement_id)
        return await self._after(incoming, click, view, t("authoring.reply.recalled", incoming.lang))

    async def _after(self, incoming: Incoming, click: AuthoringClick, view: AnnouncementView, message: str) -> Outcome:
        """The clicked card as it is now: the list when clicked on it, else the author's card."""
        if click.listed:
            views = await self.announcements.mine(actor_of(incoming, incoming.lang))
            return Outcome(card=my_announcements_card(announcements=views, lang=incoming.lang), message=message)
        return Outcome(card=self._report(view), message=message)

    # ------------------------------------------------------------------ four eyes
    async def approve(self, incoming: Incoming, click: AuthoringVersion) -> Outcome:
        """A second functional manager's 'Goedkeuren' of the version the approval card shows."""
        lang = incoming.lang
        view = await self._view(click.announcement_id)
        if view.author.key == incoming.user.key:
            return Outcome(message=t("authoring.refused.own_approval", lang))
        try:
            approved = await self.announcements.approve(actor_of(incoming, lang), view.id, revision=click.revision)
        except StaleAnnouncement as stale:  # the author changed it: the card shows the current version to approve
            return Outcome(card=approval_card(view=stale.view, lang=lang), message=t("authoring.note.stale", lang))
        except WrongStatus:
            return Outcome(card=approval_card(view=await self._view(view.id), lang=lang, submitted=click.revision))
        name = incoming.user.name or incoming.user.key
        return Outcome(card=approval_card(view=approved, lang=lang, submitted=click.revision, decided_by=name))

    async def send_back(self, incoming: Incoming, click: AnnouncementSendBack) -> Outcome:
        """'Terugsturen' with a remark: a draft again, and the author is told why."""
        lang = incoming.lang
        if not click.remark:
            return Outcome(message=t("authoring.refused.remark_empty", lang))
        view = await self._view(click.announcement_id)
        if view.author.key == incoming.user.key:
            return Outcome(message=t("authoring.refused.own_approval", lang))
        returned = await self.announcements.send_back(actor_of(incoming, lang), view.id, click.remark)
        name = incoming.user.name or incoming.user.key
        card = approval_card(view=returned, lang=lang, submitted=view.revision, decided_by=name)
        author = view.author.name or view.author.key
        return Outcome(card=card, message=t("authoring.reply.sent_back", lang, name=author))

    # ------------------------------------------------------------------ readers
    async def acknowledge(self, incoming: Incoming, click: AnnouncementClick) -> Outcome:
        """'Gelezen': recorded once, and the reader's card shows it (every other answer is a polite one).

        Registered unprepared: the card is in the announcement's language, so only a refusal looks up the reader's.
        """
        try:
            card = await self.announcements.acknowledge(incoming.user.key, click.announcement_id)
        except AnnouncementNotFound:
            return Outcome(message=t("authoring.refused.not_found", await self._reader_lang(incoming)))
        except WrongStatus as wrong:
            return Outcome(message=self._wrong_status(wrong.status, await self._reader_lang(incoming)))
        except NotARecipient:
            return Outcome(message=t("authoring.refused.not_recipient", await self._reader_lang(incoming)))
        return Outcome(card=card)

    async def _reader_lang(self, incoming: Incoming) -> str:
        """The language to refuse a click in: the before-hooks' (the router skipped them for 'Gelezen')."""
        return (await self.prepare(incoming)).lang if self.prepare is not None else incoming.lang
