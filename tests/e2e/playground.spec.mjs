// End-to-end check in the Microsoft 365 Agents Playground, driven in headless Chromium.
//
// Opens the personal chat, asks a question, waits for the answer card, clicks the feedback
// button and waits for the card to change in place. With E2E_TICKET_QUESTION set it then asks a
// question the FAQ cannot answer, passes it on to a key user through the form, reads the ticket
// number, opens the team channel, finds the ticket card the bot posted there (a new thread through
// POST /v3/conversations), clicks the claim button and waits for the card to show who picked it up.
// With E2E_SECOND_QUESTION it first passes on a second question for another group that shares the
// channel and types "@Vraagbaak open tickets" there: the list must name both tickets under their
// groups. With E2E_FAQ_CHANNEL it then answers the ticket, proposes the answer for the FAQ, and in
// functional management's channel edits the proposal (Aanpassen, Wijzigingen opslaan) and approves it:
// the card must show the edited question after saving and after approving.
// Exits 0 on success, 1 with a clear message on any failure; screenshots go to the artefacts
// folder either way.
//
// Contract (environment variables; `--name=value` arguments override them):
//   PLAYGROUND_URL     where the Playground UI runs            (default http://127.0.0.1:56150)
//   E2E_QUESTION       the text typed in the personal chat     (required)
//   E2E_EXPECT_ANSWER  a substring of the expected answer card  (required)
//   E2E_BUTTON         title of the button to click            (default "Nee")
//   E2E_EXPECT_AFTER   a substring the card shows after the click (optional; the button must
//                      disappear from the card in any case)
//   E2E_ARTIFACTS      folder for screenshots                  (default test-artifacts)
//   E2E_TIMEOUT_MS     timeout of each wait                    (default 60000; the Playground's 9 MB bundle
//                      alone takes about 10 s to load on this 2-core machine)
//   CHROMIUM           browser executable                      (default /usr/bin/chromium)
// The ticket scenario (all optional; it runs when E2E_TICKET_QUESTION is set):
//   E2E_TICKET_QUESTION   a question the FAQ has no answer to
//   E2E_EXPECT_UNKNOWN    a substring of the "I don't know" card              (default "Dat weet ik niet")
//   E2E_ASK_BUTTON        its button that opens the ticket form              (default "Vraag het een kerngebruiker")
//   E2E_SUBMIT_BUTTON     the form's send button                            (default "Verstuur naar kerngebruiker")
//   E2E_APPLICATION       the application to choose in the form             (default "Zaaksysteem")
//   E2E_CHANNEL           the team channel the key users' group is linked to (default "General")
//   E2E_CLAIM_BUTTON      the ticket card's claim button                     (default "Ik pak dit op")
//   E2E_EXPECT_CLAIMED    a substring of the ticket card after the claim     (default "Opgepakt door")
//   E2E_ASK_BUTTONS       other titles that pass a question on, '|'-separated (default: the suggestions card's)
// Several groups in one channel (optional; runs when E2E_SECOND_QUESTION is set):
//   E2E_SECOND_QUESTION   a second question, for another group linked to the same channel
//   E2E_SECOND_APPLICATION its application                                  (default "Outlook")
//   E2E_OPEN_COMMAND      what is typed after @Vraagbaak in the channel       (default "open tickets")
//   E2E_EXPECT_OPEN_GROUPS the group headings the list must show, '|'-separated
// The FAQ proposal (optional; runs when E2E_FAQ_CHANNEL is set):
//   E2E_FAQ_CHANNEL       functional management's channel                    (e.g. "Announcements")
//   E2E_ANSWER_BUTTON / E2E_SEND_ANSWER_BUTTON / E2E_ANSWER   the ticket card's answer form and the answer
//   E2E_PROPOSE_BUTTON    "Maak FAQ van dit antwoord"
//   E2E_EDIT_BUTTON / E2E_SAVE_BUTTON / E2E_APPROVE_BUTTON    the proposal card's buttons
//   E2E_FAQ_QUESTION      the question as functional management edits it
//   E2E_FAQ_ALTERNATES    other phrasings they add, one a line
//   E2E_EXPECT_APPROVED   a substring of the proposal card once approved
// Announcements (optional; runs when E2E_ANNOUNCEMENT_COMMAND is set): the author types the command in the personal
// chat, fills in the form (title, text, audience, 'Gelezen' asked), saves and sends it twice: first to a channel, whose
// card must appear there as a new post, then to everyone, whose card must appear in the personal chat; 'Gelezen' on it
// must bring the author's card of that announcement to one read.
//   E2E_ANNOUNCEMENT_COMMAND   what is typed in the personal chat                 (e.g. "nieuwe aankondiging")
//   E2E_ANNOUNCEMENT_CHANNEL   the channel's name in the Playground               (e.g. "Announcements")
//   E2E_ANNOUNCEMENT_CHANNEL_ID the channel id typed as the first one's audience  (e.g. "channel-announcements")
//   E2E_ANNOUNCEMENT_TITLES / E2E_ANNOUNCEMENT_TEXTS   the two announcements' titles and texts, '|'-separated
//   E2E_FORM_LABELS            the form's labels of title, text, audience and audience value, '|'-separated
//   E2E_AUDIENCE_CHOICES       the audience choices for channels and for everyone, '|'-separated
//   E2E_FORM_SAVE / E2E_FORM_SUBMIT / E2E_FORM_ERRORS   'Opslaan', 'Versturen', the form's line when a field is wrong
//   E2E_REPORT_RECIPIENTS / E2E_REPORT_READ   the author's card's labels of the recipients and of the read count
//   E2E_ACK_BUTTON / E2E_ACKNOWLEDGED         the recipient's 'Gelezen' button and the card's text once clicked
// Learning from use (optional; runs when E2E_LEARN_QUESTION is set): the question is asked in the personal chat and
// gets suggestions; the suggestion E2E_LEARN_ENTRY is opened, chosen and found useful; the review card (typed command)
// must list the question, 'Goedkeuren' must show it approved, and the same question asked again must now be answered
// outright with the entry's answer.
//   E2E_LEARN_QUESTION / E2E_LEARN_ENTRY      the question, and the question of the FAQ entry to pick from the suggestions
//   E2E_SHOW_ANSWER / E2E_CHOOSE / E2E_HELPFUL  "Toon het antwoord", "Dit was mijn vraag", the answer card's "Ja"
//   E2E_LEARN_COMMAND / E2E_LEARN_APPROVE / E2E_LEARN_APPROVED  the review command, its button, the card's text after it
//   E2E_EXPECT_LEARNED                        a substring of the entry's answer, shown outright the second time

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import { chromium } from 'playwright-core';

const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);
const CARD = '.ac-adaptiveCard';
const MESSAGE_BOX = '[role="textbox"][contenteditable="true"][data-lexical-editor="true"]';

class E2EFailure extends Error {}

function options() {
  const args = Object.fromEntries(
    process.argv.slice(2)
      .filter((a) => a.startsWith('--') && a.includes('='))
      .map((a) => [a.slice(2, a.indexOf('=')), a.slice(a.indexOf('=') + 1)]),
  );
  const pick = (arg, env, fallback) => args[arg] ?? process.env[env] ?? fallback;
  const opts = {
    url: pick('url', 'PLAYGROUND_URL', 'http://127.0.0.1:56150'),
    question: pick('question', 'E2E_QUESTION', ''),
    expectAnswer: pick('expect-answer', 'E2E_EXPECT_ANSWER', ''),
    button: pick('button', 'E2E_BUTTON', 'Nee'),
    expectAfter: pick('expect-after', 'E2E_EXPECT_AFTER', ''),
    artifacts: path.resolve(pick('artifacts', 'E2E_ARTIFACTS', 'test-artifacts')),
    timeout: Number(pick('timeout-ms', 'E2E_TIMEOUT_MS', '60000')),
    chromium: pick('chromium', 'CHROMIUM', '/usr/bin/chromium'),
    ticketQuestion: pick('ticket-question', 'E2E_TICKET_QUESTION', ''),
    expectUnknown: pick('expect-unknown', 'E2E_EXPECT_UNKNOWN', 'Dat weet ik niet'),
    askButton: pick('ask-button', 'E2E_ASK_BUTTON', 'Vraag het een kerngebruiker'),
    submitButton: pick('submit-button', 'E2E_SUBMIT_BUTTON', 'Verstuur naar kerngebruiker'),
    application: pick('application', 'E2E_APPLICATION', 'Zaaksysteem'),
    channel: pick('channel', 'E2E_CHANNEL', 'General'),
    claimButton: pick('claim-button', 'E2E_CLAIM_BUTTON', 'Ik pak dit op'),
    expectClaimed: pick('expect-claimed', 'E2E_EXPECT_CLAIMED', 'Opgepakt door'),
    askButtons: pick('ask-buttons', 'E2E_ASK_BUTTONS', 'Geen van deze: vraag het een kerngebruiker').split('|'),
    secondQuestion: pick('second-question', 'E2E_SECOND_QUESTION', ''),
    secondApplication: pick('second-application', 'E2E_SECOND_APPLICATION', 'Outlook'),
    openCommand: pick('open-command', 'E2E_OPEN_COMMAND', 'open tickets'),
    expectOpenGroups: pick('expect-open-groups', 'E2E_EXPECT_OPEN_GROUPS', '').split('|').filter(Boolean),
    faqChannel: pick('faq-channel', 'E2E_FAQ_CHANNEL', ''),
    answerButton: pick('answer-button', 'E2E_ANSWER_BUTTON', 'Beantwoorden'),
    sendAnswerButton: pick('send-answer-button', 'E2E_SEND_ANSWER_BUTTON', 'Stuur antwoord'),
    answer: pick('answer', 'E2E_ANSWER', ''),
    proposeButton: pick('propose-button', 'E2E_PROPOSE_BUTTON', 'Maak FAQ van dit antwoord'),
    editButton: pick('edit-button', 'E2E_EDIT_BUTTON', 'Aanpassen'),
    saveButton: pick('save-button', 'E2E_SAVE_BUTTON', 'Wijzigingen opslaan'),
    approveButton: pick('approve-button', 'E2E_APPROVE_BUTTON', 'Goedkeuren'),
    faqQuestion: pick('faq-question', 'E2E_FAQ_QUESTION', ''),
    faqAlternates: pick('faq-alternates', 'E2E_FAQ_ALTERNATES', ''),
    expectApproved: pick('expect-approved', 'E2E_EXPECT_APPROVED', 'Goedgekeurd door'),
    announcementCommand: pick('announcement-command', 'E2E_ANNOUNCEMENT_COMMAND', ''),
    announcementChannel: pick('announcement-channel', 'E2E_ANNOUNCEMENT_CHANNEL', 'Announcements'),
    announcementChannelId: pick('announcement-channel-id', 'E2E_ANNOUNCEMENT_CHANNEL_ID', 'channel-announcements'),
    announcementTitles: pick('announcement-titles', 'E2E_ANNOUNCEMENT_TITLES', '').split('|'),
    announcementTexts: pick('announcement-texts', 'E2E_ANNOUNCEMENT_TEXTS', '').split('|'),
    formLabels: pick('form-labels', 'E2E_FORM_LABELS', 'Titel|Tekst (markdown)|Aan wie|Welke').split('|'),
    audienceChoices: pick('audience-choices', 'E2E_AUDIENCE_CHOICES', 'Kanaal of kanalen|Iedereen met de app').split('|'),
    formSave: pick('form-save', 'E2E_FORM_SAVE', 'Opslaan'),
    formSubmit: pick('form-submit', 'E2E_FORM_SUBMIT', 'Versturen'),
    formErrors: pick('form-errors', 'E2E_FORM_ERRORS', ''),
    reportRecipients: pick('report-recipients', 'E2E_REPORT_RECIPIENTS', 'Ontvangers'),
    reportRead: pick('report-read', 'E2E_REPORT_READ', 'Gelezen'),
    ackButton: pick('ack-button', 'E2E_ACK_BUTTON', 'Gelezen'),
    acknowledged: pick('acknowledged', 'E2E_ACKNOWLEDGED', 'Gelezen ✓'),
    learnQuestion: pick('learn-question', 'E2E_LEARN_QUESTION', ''),
    learnEntry: pick('learn-entry', 'E2E_LEARN_ENTRY', ''),
    showAnswer: pick('show-answer', 'E2E_SHOW_ANSWER', 'Toon het antwoord'),
    choose: pick('choose', 'E2E_CHOOSE', 'Dit was mijn vraag'),
    helpful: pick('helpful', 'E2E_HELPFUL', 'Ja'),
    learnCommand: pick('learn-command', 'E2E_LEARN_COMMAND', 'geleerde formuleringen'),
    learnApprove: pick('learn-approve', 'E2E_LEARN_APPROVE', 'Goedkeuren'),
    learnApproved: pick('learn-approved', 'E2E_LEARN_APPROVED', ''),
    expectLearned: pick('expect-learned', 'E2E_EXPECT_LEARNED', ''),
  };
  if (opts.learnQuestion && (!opts.learnEntry || !opts.learnApproved || !opts.expectLearned)) {
    throw new E2EFailure('E2E_LEARN_QUESTION needs E2E_LEARN_ENTRY, E2E_LEARN_APPROVED and E2E_EXPECT_LEARNED');
  }
  if (opts.announcementCommand && (opts.announcementTitles.length !== 2 || opts.announcementTexts.length !== 2
      || opts.formLabels.length !== 4 || opts.audienceChoices.length !== 2)) {
    throw new E2EFailure('E2E_ANNOUNCEMENT_COMMAND needs two titles and texts, four form labels and two audience choices');
  }
  if (opts.faqChannel && (!opts.answer || !opts.faqQuestion)) {
    throw new E2EFailure('E2E_FAQ_CHANNEL needs E2E_ANSWER and E2E_FAQ_QUESTION');
  }
  if (!opts.question || !opts.expectAnswer) {
    throw new E2EFailure('E2E_QUESTION and E2E_EXPECT_ANSWER (or --question= and --expect-answer=) are required');
  }
  if (!fs.existsSync(opts.chromium)) throw new E2EFailure(`Chromium not found at ${opts.chromium}`);
  return opts;
}

async function waitUntil(condition, timeout, what) {
  // Poll `condition` until it returns true; fail with `what` after `timeout` ms.
  const deadline = Date.now() + timeout;
  for (;;) {
    if (await condition()) return;
    if (Date.now() > deadline) throw new E2EFailure(`timed out after ${timeout} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function cardTexts(page) {
  return (await page.locator(CARD).allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim());
}

async function run(opts, page, shot) {
  await page.goto(opts.url, { waitUntil: 'domcontentloaded', timeout: opts.timeout });
  await page.getByText('Personal Chat', { exact: true }).first().click({ timeout: opts.timeout });
  const box = page.locator(MESSAGE_BOX);
  await box.waitFor({ state: 'visible', timeout: opts.timeout });
  await shot('1-personal-chat');

  await box.click();
  await box.pressSequentially(opts.question);
  await box.press('Enter');

  const button = (root) => root.getByRole('button', { name: opts.button, exact: true });
  const answerCard = page.locator(CARD, { hasText: opts.expectAnswer }).filter({ has: button(page) });
  try {
    await answerCard.first().waitFor({ state: 'visible', timeout: opts.timeout });
  } catch {
    throw new E2EFailure(
      `no answer card containing ${JSON.stringify(opts.expectAnswer)} with a ${JSON.stringify(opts.button)} button `
      + `appeared within ${opts.timeout} ms; cards on screen: ${JSON.stringify(await cardTexts(page))}`,
    );
  }
  await shot('2-answer-card');

  await button(answerCard.first()).click();
  const afterCard = page.locator(CARD, { hasText: opts.expectAfter });
  await waitUntil(
    async () => (await answerCard.count()) === 0 && (!opts.expectAfter || (await afterCard.count()) > 0),
    opts.timeout,
    `the card to change after clicking ${JSON.stringify(opts.button)} (button gone`
      + (opts.expectAfter ? `, text ${JSON.stringify(opts.expectAfter)} shown)` : ')'),
  ).catch(async (error) => {
    throw new E2EFailure(`${error.message}; cards on screen: ${JSON.stringify(await cardTexts(page))}`);
  });
  await shot('3-after-click');
}

async function failWithCards(page, message) {
  throw new E2EFailure(`${message}; cards on screen: ${JSON.stringify(await cardTexts(page))}`);
}

async function waitForCard(page, locator, timeout, what) {
  try {
    await locator.first().waitFor({ state: 'visible', timeout });
  } catch {
    await failWithCards(page, `no ${what} appeared within ${timeout} ms`);
  }
  return locator.first();
}

async function chooseApplication(card, application, timeout) {
  // A compact ChoiceSet: a native <select> in the Adaptive Cards renderer, else a listbox/combobox.
  const select = card.locator('select');
  if (await select.count()) {
    await select.first().selectOption({ label: application }, { timeout });
    return;
  }
  await card.getByRole('combobox').first().click({ timeout });
  await card.page().getByRole('option', { name: application, exact: true }).first().click({ timeout });
}

async function askTicket(opts, page, question, application, { expectText = '', shot = null } = {}) {
  // Ask in the personal chat and fill in the form that passes the question on: { submit(), confirmations }.
  const button = (root, name) => root.getByRole('button', { name, exact: true });
  await page.getByText('Personal Chat', { exact: true }).first().click({ timeout: opts.timeout });
  const box = page.locator(MESSAGE_BOX);
  await box.waitFor({ state: 'visible', timeout: opts.timeout });
  const passOn = [opts.askButton, ...opts.askButtons];
  const asks = (root) => root.getByRole('button', { name: new RegExp(`^(${passOn.map(escape).join('|')})$`) });
  const offers = page.locator(CARD, { hasText: expectText }).filter({ has: asks(page) });
  const forms = page.locator(CARD).filter({ has: button(page, opts.submitButton) });
  const [offered, formed] = [await offers.count(), await forms.count()];
  const confirmations = await page.locator(CARD, { hasText: /VB-\d{4}-\d{4}/ }).count();
  await box.click();
  await box.pressSequentially(question);
  await box.press('Enter');

  await waitUntil(async () => (await offers.count()) > offered, opts.timeout,
    `a card ${expectText ? `containing ${JSON.stringify(expectText)} ` : ''}with one of the buttons ${JSON.stringify(passOn)}`
    + ` for ${JSON.stringify(question)}`).catch((error) => failWithCards(page, error.message));
  if (shot) await shot();
  await asks(offers.last()).first().click();
  await waitUntil(async () => (await forms.count()) > formed, opts.timeout,
    `ticket form with a ${JSON.stringify(opts.submitButton)} button`).catch((error) => failWithCards(page, error.message));
  const form = forms.last();
  await chooseApplication(form, application, opts.timeout);
  return { submit: () => button(form, opts.submitButton).click(), confirmations };
}

function escape(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

async function sendTicketForm(opts, page, pending) {
  await pending.submit();
  await waitUntil(async () => (await page.locator(CARD, { hasText: /VB-\d{4}-\d{4}/ }).count()) > pending.confirmations,
    opts.timeout, 'confirmation card with a ticket number (VB-YYYY-NNNN)').catch((error) => failWithCards(page, error.message));
  const created = page.locator(CARD, { hasText: /VB-\d{4}-\d{4}/ }).last();
  return (await created.innerText()).match(/VB-\d{4}-\d{4}/)[0];
}

async function postInChannel(opts, page, text) {
  // A new post in the open channel that @mentions the bot (picked from the mention popup, a Fluent menu), then `text`.
  const box = page.locator(MESSAGE_BOX).first();
  await box.waitFor({ state: 'visible', timeout: opts.timeout });
  await box.click();
  await box.pressSequentially('@Vraag');
  await page.getByRole('menuitem', { name: 'Vraagbaak' }).first().click({ timeout: opts.timeout });
  await box.pressSequentially(` ${text}`);
  await page.getByRole('button', { name: 'Post', exact: true }).click({ timeout: opts.timeout });
}

async function runTicket(opts, page, shot) {
  const button = (root, name) => root.getByRole('button', { name, exact: true });
  const pending = await askTicket(opts, page, opts.ticketQuestion, opts.application,
    { expectText: opts.expectUnknown, shot: () => shot('4-unknown-card') });
  await shot('5-ticket-form');
  const number = await sendTicketForm(opts, page, pending);
  await shot('6-ticket-created');
  let second = null;
  if (opts.secondQuestion) {
    second = await sendTicketForm(opts, page, await askTicket(opts, page, opts.secondQuestion, opts.secondApplication));
  }

  await page.getByText(opts.channel, { exact: true }).first().click({ timeout: opts.timeout });
  const ticketCard = page.locator(CARD, { hasText: number });
  const claimable = await waitForCard(page, ticketCard.filter({ has: button(page, opts.claimButton) }), opts.timeout,
    `ticket card ${number} with a ${JSON.stringify(opts.claimButton)} button in channel ${JSON.stringify(opts.channel)}`);
  await claimable.scrollIntoViewIfNeeded();
  await shot('7-channel-ticket-card');

  if (second) {
    await waitForCard(page, page.locator(CARD, { hasText: second }).filter({ has: button(page, opts.claimButton) }),
      opts.timeout, `ticket card ${second} in channel ${JSON.stringify(opts.channel)}`);
    await postInChannel(opts, page, opts.openCommand);
    let list = page.locator(CARD, { hasText: number }).filter({ hasText: second });
    for (const group of opts.expectOpenGroups) list = list.filter({ hasText: group });
    const shown = await waitForCard(page, list, opts.timeout,
      `list after "@Vraagbaak ${opts.openCommand}" naming ${number} and ${second} under ${JSON.stringify(opts.expectOpenGroups)}`);
    await shown.scrollIntoViewIfNeeded();
    await shot('7b-open-tickets');
  }

  await button(claimable, opts.claimButton).click();
  await waitUntil(
    async () => (await ticketCard.filter({ has: button(page, opts.claimButton) }).count()) === 0
      && (await ticketCard.filter({ hasText: opts.expectClaimed }).count()) > 0,
    opts.timeout,
    `ticket card ${number} to show ${JSON.stringify(opts.expectClaimed)} instead of the ${JSON.stringify(opts.claimButton)} button`,
  ).catch((error) => failWithCards(page, error.message));
  await ticketCard.first().scrollIntoViewIfNeeded();
  await shot('8-ticket-claimed');
  if (opts.faqChannel) await runProposal(opts, page, shot, number);
  return number;
}

async function fillShowCard(opts, page, card, { open, submit, values, what }) {
  // Open a card's ShowCard, type `values` into its text fields in order and send it. The Playground draws a posted
  // card again from its JSON when the pointer enters or leaves the post (or a new post arrives), which closes the
  // ShowCard and empties the fields: a try that lost them is made again, as a person would, at most three times.
  const button = (root, name) => root.getByRole('button', { name, exact: true });
  for (let attempt = 1; ; attempt += 1) {
    try {
      await button(card(), open).hover({ timeout: opts.timeout });
      await button(card(), open).click({ timeout: opts.timeout });
      const fields = card().locator('textarea');
      await waitUntil(async () => (await fields.count()) >= values.length, 5000, `the fields behind ${JSON.stringify(open)}`);
      await button(card(), submit).hover({ timeout: 5000 });
      for (const [index, value] of values.entries()) await fields.nth(index).fill(value, { timeout: 5000 });
      const typed = await fields.evaluateAll((elements) => elements.map((element) => element.value));
      if (values.some((value, index) => typed[index] !== value)) throw new E2EFailure(`${what}: the fields were reset`);
      await button(card(), submit).click({ timeout: 5000 });
      return;
    } catch (error) {
      if (attempt >= 3) await failWithCards(page, `${what} failed ${attempt} times, last: ${error.message}`);
    }
  }
}

async function runProposal(opts, page, shot, number) {
  // Answer the claimed ticket, propose the answer for the FAQ, edit the proposal and approve it.
  const button = (root, name) => root.getByRole('button', { name, exact: true });
  const claimed = () => page.locator(CARD, { hasText: number }).filter({ hasText: opts.expectClaimed }).first();
  await fillShowCard(opts, page, claimed, { open: opts.answerButton, submit: opts.sendAnswerButton, values: [opts.answer],
    what: `answering ${number}` });
  const answered = await waitForCard(page, page.locator(CARD, { hasText: number }).filter({ has: button(page, opts.proposeButton) }),
    opts.timeout, `ticket card ${number} with a ${JSON.stringify(opts.proposeButton)} button after answering`);
  await shot('9-ticket-answered');
  await button(answered, opts.proposeButton).click();
  await waitUntil(async () => (await page.locator(CARD, { hasText: number }).filter({ has: button(page, opts.proposeButton) })
    .count()) === 0, opts.timeout, `the ${JSON.stringify(opts.proposeButton)} button to go`).catch((error) => failWithCards(page, error.message));

  await page.getByText(opts.faqChannel, { exact: true }).first().click({ timeout: opts.timeout });
  const proposal = () => page.locator(CARD, { hasText: number }).filter({ has: button(page, opts.approveButton) }).first();
  await waitForCard(page, proposal(), opts.timeout,
    `FAQ proposal for ${number} with a ${JSON.stringify(opts.approveButton)} button in ${JSON.stringify(opts.faqChannel)}`);
  await proposal().scrollIntoViewIfNeeded();
  await fillShowCard(opts, page, proposal, { open: opts.editButton, submit: opts.saveButton,
    values: [opts.faqQuestion, opts.faqAlternates], what: `editing the proposal for ${number}` });
  await waitUntil(async () => (await proposal().locator('textarea').count()) === 0
      && (await proposal().innerText()).includes(opts.faqQuestion),
  opts.timeout, `the proposal card to show the saved question ${JSON.stringify(opts.faqQuestion)}`)
    .catch((error) => failWithCards(page, error.message));
  await proposal().scrollIntoViewIfNeeded();
  await shot('10-proposal-saved');
  await button(proposal(), opts.approveButton).click();
  const approved = page.locator(CARD, { hasText: number }).filter({ hasText: opts.expectApproved }).filter({ hasText: opts.faqQuestion });
  await waitForCard(page, approved, opts.timeout,
    `proposal card ${number} showing ${JSON.stringify(opts.expectApproved)} and the edited question`);
  await approved.first().scrollIntoViewIfNeeded();
  await shot('11-proposal-approved');
}

function labelled(text) {
  // An accessible name that starts with the label `text` (the renderer adds the error line's and other ids to it).
  return new RegExp(`^${escape(text)}(\\s|\\*|$)`);
}

async function fillAnnouncementForm(opts, page, form, { title, text, audience, audienceValue }) {
  // Fill in the announcement form and save it. A redraw of the post (the pointer leaving it, a new post) resets what
  // was typed: the values are read back before 'Opslaan' and the whole try is made again, at most three times.
  const [titleLabel, textLabel, audienceLabel, valueLabel] = opts.formLabels;
  const save = () => form().getByRole('button', { name: opts.formSave, exact: true });
  for (let attempt = 1; ; attempt += 1) {
    try {
      const choice = form().getByRole('combobox', { name: labelled(audienceLabel) });
      if ((await choice.inputValue({ timeout: 5000 })) !== audience) {
        await choice.click({ timeout: 5000 });
        await page.getByRole('option', { name: audience, exact: true }).first().click({ timeout: 5000 });
      }
      await save().hover({ timeout: 5000 });
      const fields = [[titleLabel, title], [textLabel, text], [valueLabel, audienceValue]];
      for (const [label, value] of fields) {
        await form().getByRole('textbox', { name: labelled(label) }).fill(value, { timeout: 5000 });
      }
      await form().getByRole('checkbox').first().check({ timeout: 5000 });
      const typed = await Promise.all(fields.map(([label]) => form().getByRole('textbox', { name: labelled(label) })
        .inputValue({ timeout: 5000 })));
      const chosen = await choice.inputValue({ timeout: 5000 });
      const ack = await form().getByRole('checkbox').first().isChecked({ timeout: 5000 });
      if (fields.some(([, value], index) => typed[index] !== value) || chosen !== audience || !ack) {
        throw new E2EFailure(`the form was reset (typed ${JSON.stringify(typed)}, audience ${JSON.stringify(chosen)}, ack ${ack})`);
      }
      await save().click({ timeout: 5000 });
      return;
    } catch (error) {
      if (attempt >= 3) await failWithCards(page, `filling in the announcement ${JSON.stringify(title)} failed ${attempt} times, last: ${error.message}`);
    }
  }
}

async function writeAnnouncement(opts, page, { title, text, audience, audienceValue }) {
  // Type the command in the personal chat, fill in and save the form, send it, and wait for the author's card.
  const button = (root, name) => root.getByRole('button', { name, exact: true });
  await page.getByText('Personal Chat', { exact: true }).first().click({ timeout: opts.timeout });
  const box = page.locator(MESSAGE_BOX);
  await box.waitFor({ state: 'visible', timeout: opts.timeout });
  const forms = page.locator(CARD).filter({ has: button(page, opts.formSave) });
  const before = await forms.count();
  await box.click();
  await box.pressSequentially(opts.announcementCommand);
  await box.press('Enter');
  await waitUntil(async () => (await forms.count()) > before, opts.timeout,
    `the announcement form after ${JSON.stringify(opts.announcementCommand)}`).catch((error) => failWithCards(page, error.message));
  const form = () => forms.last();
  await fillAnnouncementForm(opts, page, form, { title, text, audience, audienceValue });
  const saved = page.locator(CARD).filter({ has: button(page, opts.formSubmit) });
  const refused = opts.formErrors ? page.locator(CARD, { hasText: opts.formErrors }) : null;
  await waitUntil(async () => (await saved.count()) > 0 || (refused !== null && (await refused.count()) > 0), opts.timeout,
    `the saved form with a ${JSON.stringify(opts.formSubmit)} button`).catch((error) => failWithCards(page, error.message));
  if (refused !== null && (await refused.count()) > 0) await failWithCards(page, `the form refused ${JSON.stringify(title)}`);
  await button(saved.last(), opts.formSubmit).click({ timeout: opts.timeout });
  const report = page.locator(CARD, { hasText: title }).filter({ hasText: opts.reportRecipients });
  return waitForCard(page, report, opts.timeout, `author's card of ${JSON.stringify(title)} after ${JSON.stringify(opts.formSubmit)}`);
}

function readCount(opts, count) {
  // The read count's line on the author's card: the label, then the number (a FactSet row).
  return new RegExp(`${escape(opts.reportRead)}\\s*${count}(?!\\d)`);
}

async function runAnnouncements(opts, page, shot) {
  const button = (root, name) => root.getByRole('button', { name, exact: true });
  const [channelTitle, everyoneTitle] = opts.announcementTitles;
  const [channelText, everyoneText] = opts.announcementTexts;
  const [channelsChoice, everyoneChoice] = opts.audienceChoices;

  const first = await writeAnnouncement(opts, page,
    { title: channelTitle, text: channelText, audience: channelsChoice, audienceValue: opts.announcementChannelId });
  await first.scrollIntoViewIfNeeded();
  await shot('12-announcement-to-channel-sent');
  await page.getByText(opts.announcementChannel, { exact: true }).first().click({ timeout: opts.timeout });
  const post = await waitForCard(page, page.locator(CARD, { hasText: channelTitle }).filter({ hasText: channelText }),
    opts.timeout, `announcement ${JSON.stringify(channelTitle)} as a post in ${JSON.stringify(opts.announcementChannel)}`);
  await post.scrollIntoViewIfNeeded();
  await shot('13-announcement-in-channel');

  await writeAnnouncement(opts, page, { title: everyoneTitle, text: everyoneText, audience: everyoneChoice, audienceValue: '' });
  const report = () => page.locator(CARD, { hasText: everyoneTitle }).filter({ hasText: opts.reportRecipients });
  const authorText = async () => (await cardTexts(page))
    .find((text) => text.includes(everyoneTitle) && text.includes(opts.reportRecipients)) ?? '';
  const received = page.locator(CARD, { hasText: everyoneTitle }).filter({ hasText: everyoneText })
    .filter({ has: button(page, opts.ackButton) });
  const card = await waitForCard(page, received, opts.timeout,
    `announcement ${JSON.stringify(everyoneTitle)} with a ${JSON.stringify(opts.ackButton)} button in the personal chat`);
  await card.scrollIntoViewIfNeeded();
  await waitUntil(async () => readCount(opts, 0).test(await authorText()), opts.timeout,
    `the author's card of ${JSON.stringify(everyoneTitle)} to count 0 ${JSON.stringify(opts.reportRead)} before the click`)
    .catch((error) => failWithCards(page, error.message));
  await shot('14-announcement-in-personal-chat');
  await button(card, opts.ackButton).click({ timeout: opts.timeout });
  await waitForCard(page, page.locator(CARD, { hasText: everyoneTitle }).filter({ hasText: opts.acknowledged }), opts.timeout,
    `announcement ${JSON.stringify(everyoneTitle)} showing ${JSON.stringify(opts.acknowledged)}`);
  await waitUntil(async () => readCount(opts, 1).test(await authorText()), opts.timeout,
  `the author's card of ${JSON.stringify(everyoneTitle)} to count 1 ${JSON.stringify(opts.reportRead)}`)
    .catch((error) => failWithCards(page, error.message));
  await report().first().scrollIntoViewIfNeeded();
  await shot('15-author-card-read-1');
}

async function say(opts, page, text) {
  // Type `text` in the personal chat and send it; returns how many cards were on screen before.
  await page.getByText('Personal Chat', { exact: true }).first().click({ timeout: opts.timeout });
  const box = page.locator(MESSAGE_BOX);
  await box.waitFor({ state: 'visible', timeout: opts.timeout });
  const before = await page.locator(CARD).count();
  await box.click();
  await box.pressSequentially(text);
  await box.press('Enter');
  return before;
}

async function runLearning(opts, page, shot) {
  // Pick a suggestion and find it useful, approve the question on the review card, ask it again: answered outright.
  const button = (root, name) => root.getByRole('button', { name, exact: true });
  await say(opts, page, opts.learnQuestion);
  const suggestions = () => page.locator(CARD, { hasText: opts.learnEntry }).filter({ has: button(page, opts.showAnswer) }).last();
  await waitForCard(page, page.locator(CARD, { hasText: opts.learnEntry }).filter({ has: button(page, opts.showAnswer) }),
    opts.timeout, `suggestions for ${JSON.stringify(opts.learnQuestion)} naming ${JSON.stringify(opts.learnEntry)}`);
  await suggestions().scrollIntoViewIfNeeded();
  await shot('16-suggestions');
  const entry = () => suggestions().locator('.ac-container', { hasText: opts.learnEntry })
    .filter({ has: button(page, opts.showAnswer) }).last();
  for (let attempt = 1; ; attempt += 1) {  // a redraw of the post closes the toggled answer: open it again
    try {
      await button(entry(), opts.showAnswer).click({ timeout: opts.timeout });
      await button(entry(), opts.choose).click({ timeout: 5000 });
      break;
    } catch (error) {
      if (attempt >= 3) await failWithCards(page, `choosing ${JSON.stringify(opts.learnEntry)} failed: ${error.message}`);
    }
  }
  const answer = page.locator(CARD, { hasText: opts.expectLearned }).filter({ has: button(page, opts.helpful) });
  const chosen = await waitForCard(page, answer, opts.timeout,
    `the answer of ${JSON.stringify(opts.learnEntry)} with a ${JSON.stringify(opts.helpful)} button after choosing it`);
  await button(chosen, opts.helpful).click({ timeout: opts.timeout });
  await waitUntil(async () => (await answer.count()) === 0, opts.timeout,
    `the ${JSON.stringify(opts.helpful)} button to go`).catch((error) => failWithCards(page, error.message));

  await say(opts, page, opts.learnCommand);
  const review = page.locator(CARD, { hasText: opts.learnQuestion }).filter({ has: button(page, opts.learnApprove) });
  const card = await waitForCard(page, review, opts.timeout,
    `the review card listing ${JSON.stringify(opts.learnQuestion)} after ${JSON.stringify(opts.learnCommand)}`);
  await card.scrollIntoViewIfNeeded();
  await shot('17-review-card');
  const row = card.locator('.ac-container', { hasText: opts.learnQuestion }).filter({ has: button(page, opts.learnApprove) }).last();
  await button(row, opts.learnApprove).click({ timeout: opts.timeout });
  await waitForCard(page, page.locator(CARD, { hasText: opts.learnApproved }), opts.timeout,
    `the review card saying ${JSON.stringify(opts.learnApproved)}`);
  await shot('18-review-approved');

  const before = await say(opts, page, opts.learnQuestion);
  await waitUntil(async () => {
    const texts = (await cardTexts(page)).slice(before);
    return texts.some((text) => text.includes(opts.expectLearned) && !text.includes(opts.showAnswer));
  }, opts.timeout, `${JSON.stringify(opts.learnQuestion)} answered outright with ${JSON.stringify(opts.expectLearned)}`)
    .catch((error) => failWithCards(page, error.message));
  await shot('19-learned-answer');
}

async function main() {
  const opts = options();
  fs.mkdirSync(opts.artifacts, { recursive: true });
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'vraagbaak-e2e-chromium-'));
  const blocked = [];
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: opts.chromium,
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport: { width: 1400, height: 900 },
    locale: 'nl-NL',
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const shot = (name) => page.screenshot({ path: path.join(opts.artifacts, `playground-${name}.png`) });
  // Nothing leaves this machine: the Playground UI asks a CDN for fonts; refuse it at once.
  await page.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (LOCAL_HOSTS.has(url.hostname) || url.protocol === 'data:') return route.continue();
    blocked.push(url.origin);
    return route.abort();
  });
  try {
    await run(opts, page, shot);
    console.log(`e2e ok: answer card for ${JSON.stringify(opts.question)} changed after ${JSON.stringify(opts.button)}`);
    if (opts.ticketQuestion) {
      const number = await runTicket(opts, page, shot);
      console.log(`e2e ok: ticket ${number} created from the personal chat, shown in ${JSON.stringify(opts.channel)}`
        + ` and claimed there${opts.secondQuestion ? ', listed by "open tickets" with another group\'s ticket' : ''}`
        + `${opts.faqChannel ? `; its answer approved as an edited FAQ entry in ${JSON.stringify(opts.faqChannel)}` : ''}`);
    }
    if (opts.announcementCommand) {
      await runAnnouncements(opts, page, shot);
      console.log(`e2e ok: an announcement posted in ${JSON.stringify(opts.announcementChannel)}, another one in the`
        + ` personal chat, whose ${JSON.stringify(opts.ackButton)} counted 1 read on the author's card`);
    }
    if (opts.learnQuestion) {
      await runLearning(opts, page, shot);
      console.log(`e2e ok: ${JSON.stringify(opts.learnQuestion)} approved on the review card after a useful pick,`
        + ' and answered outright when asked again');
    }
    console.log(`screenshots in ${opts.artifacts}; blocked non-local requests: ${[...new Set(blocked)].join(', ') || 'none'}`);
  } catch (error) {
    await shot('failure').catch(() => {});
    throw error;
  } finally {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

main().catch((error) => {
  const message = error instanceof E2EFailure ? error.message : (error?.stack ?? String(error));
  console.error(`e2e FAILED: ${message}`);
  process.exit(1);
});
