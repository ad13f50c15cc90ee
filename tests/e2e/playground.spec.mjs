// End-to-end check in the Microsoft 365 Agents Playground, driven in headless Chromium.
//
// Opens the personal chat, asks a question, waits for the answer card, clicks the feedback
// button and waits for the card to change in place. With E2E_TICKET_QUESTION set it then asks a
// question the FAQ cannot answer, passes it on to a key user through the form, reads the ticket
// number, opens the team channel, finds the ticket card the bot posted there (a new thread through
// POST /v3/conversations), clicks the claim button and waits for the card to show who picked it up.
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
  };
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

async function runTicket(opts, page, shot) {
  const button = (root, name) => root.getByRole('button', { name, exact: true });
  await page.getByText('Personal Chat', { exact: true }).first().click({ timeout: opts.timeout });
  const box = page.locator(MESSAGE_BOX);
  await box.waitFor({ state: 'visible', timeout: opts.timeout });
  await box.click();
  await box.pressSequentially(opts.ticketQuestion);
  await box.press('Enter');

  const unknownCard = await waitForCard(
    page,
    page.locator(CARD, { hasText: opts.expectUnknown }).filter({ has: button(page, opts.askButton) }),
    opts.timeout,
    `"unknown" card containing ${JSON.stringify(opts.expectUnknown)} with a ${JSON.stringify(opts.askButton)} button`,
  );
  await shot('4-unknown-card');
  await button(unknownCard, opts.askButton).click();

  const form = await waitForCard(
    page,
    page.locator(CARD).filter({ has: button(page, opts.submitButton) }),
    opts.timeout,
    `ticket form with a ${JSON.stringify(opts.submitButton)} button`,
  );
  await chooseApplication(form, opts.application, opts.timeout);
  await shot('5-ticket-form');
  await button(form, opts.submitButton).click();

  const created = await waitForCard(page, page.locator(CARD, { hasText: /VB-\d{4}-\d{4}/ }), opts.timeout,
    'confirmation card with a ticket number (VB-YYYY-NNNN)');
  const number = (await created.innerText()).match(/VB-\d{4}-\d{4}/)[0];
  await shot('6-ticket-created');

  await page.getByText(opts.channel, { exact: true }).first().click({ timeout: opts.timeout });
  const ticketCard = page.locator(CARD, { hasText: number });
  const claimable = await waitForCard(page, ticketCard.filter({ has: button(page, opts.claimButton) }), opts.timeout,
    `ticket card ${number} with a ${JSON.stringify(opts.claimButton)} button in channel ${JSON.stringify(opts.channel)}`);
  await claimable.scrollIntoViewIfNeeded();
  await shot('7-channel-ticket-card');
  await button(claimable, opts.claimButton).click();

  await waitUntil(
    async () => (await ticketCard.filter({ has: button(page, opts.claimButton) }).count()) === 0
      && (await ticketCard.filter({ hasText: opts.expectClaimed }).count()) > 0,
    opts.timeout,
    `ticket card ${number} to show ${JSON.stringify(opts.expectClaimed)} instead of the ${JSON.stringify(opts.claimButton)} button`,
  ).catch((error) => failWithCards(page, error.message));
  await ticketCard.first().scrollIntoViewIfNeeded();
  await shot('8-ticket-claimed');
  return number;
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
        + ` and claimed there`);
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
