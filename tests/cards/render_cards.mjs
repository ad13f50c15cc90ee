// Renders Adaptive Cards with the official `adaptivecards` renderer in headless Chromium.
// Usage: node render_cards.mjs INPUT.json  (see test_render.py for the input and output shape)
import { existsSync, readFileSync, writeFileSync, mkdtempSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
const input = JSON.parse(readFileSync(process.argv[2], "utf8"));

function packageDir(name) {
  let dir = dirname(require.resolve(name));
  while (!existsSync(join(dir, "package.json"))) dir = dirname(dir);
  return dir;
}
const acDir = packageDir("adaptivecards");
const mdDir = packageDir("markdown-it");
const page_html = `<!doctype html>
<html><head><meta charset="utf-8">
<link rel="stylesheet" href="${pathToFileURL(join(acDir, "dist", "adaptivecards.css")).href}">
<script src="${pathToFileURL(join(mdDir, "dist", "browser", "markdown-it.umd.min.js")).href}"></script>
<script src="${pathToFileURL(join(acDir, "dist", "adaptivecards.min.js")).href}"></script>
<style>
  body { margin: 16px; background: #f0f0f0; font-family: "Segoe UI", "DejaVu Sans", sans-serif; }
  section { width: 480px; margin: 0 0 20px; }
  h2 { font: 12px monospace; color: #666; margin: 0 0 4px; }
  .slot { background: #fff; border-radius: 6px; box-shadow: 0 1px 3px rgba(0,0,0,.2); overflow: hidden; }
  .ac-pushButton { border: 1px solid #5b5fc7; background: #fff; color: #5b5fc7; border-radius: 4px; padding: 4px 10px; font: inherit; }
  .ac-pushButton.style-positive { background: #5b5fc7; color: #fff; }
</style>
<script>
  window.executed = [];
  window.renderCard = (key, json) => {
    const card = new AdaptiveCards.AdaptiveCard();
    card.hostConfig = new AdaptiveCards.HostConfig({
      fontFamily: '"Segoe UI", "DejaVu Sans", sans-serif',
      actions: { actionsOrientation: "horizontal", buttonSpacing: 8, maxActions: 6 },
    });
    card.onExecuteAction = (action) => window.executed.push({
      key, type: action.getJsonTypeName(), title: action.title,
      verb: action.verb === undefined ? null : action.verb, data: action.data === undefined ? null : action.data,
    });
    const context = new AdaptiveCards.SerializationContext();
    card.parse(json, context);
    const parseEvents = [];
    for (let i = 0; i < context.eventCount; i++) parseEvents.push(context.getEventAt(i).message);
    const validationEvents = card.validateProperties().validationEvents.map((e) => e.message);
    const section = document.createElement("section");
    section.dataset.card = key;
    section.innerHTML = '<h2></h2><div class="slot"></div>';
    section.querySelector("h2").textContent = key;
    const rendered = card.render();
    if (rendered) section.querySelector(".slot").appendChild(rendered);
    document.body.appendChild(section);
    return { parseEvents, validationEvents, rendered: Boolean(rendered) };
  };
</script></head><body></body></html>`;

const work = mkdtempSync(join(tmpdir(), "vraagbaak-cards-"));
const pageFile = join(work, "cards.html");
writeFileSync(pageFile, page_html);

const browser = await chromium.launch({
  executablePath: input.chromium,
  headless: true,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run"],
  timeout: 60000,
});
const renderer = JSON.parse(readFileSync(join(acDir, "package.json"), "utf8")).version;
const output = { renderer, cards: [], clicks: [], pageErrors: [], screenshots: [] };
try {
  for (const lang of input.langs) {
    const page = await browser.newPage({ viewport: { width: 520, height: 900 }, locale: lang });
    page.setDefaultTimeout(15000);
    page.on("pageerror", (error) => output.pageErrors.push(String(error)));
    page.on("console", (msg) => { if (msg.type() === "error") output.pageErrors.push(msg.text()); });
    await page.goto(pathToFileURL(pageFile).href);
    for (const item of input.cards.filter((c) => c.lang === lang)) {
      const key = `${item.name}-${lang}`;
      const result = await page.evaluate(([k, json]) => window.renderCard(k, json), [key, item.card]);
      const section = page.locator(`section[data-card="${key}"] .slot`);
      const buttons = await section.locator("button:visible").allInnerTexts();
      output.cards.push({ name: item.name, lang, ...result, text: await section.innerText(), buttons });
    }
    for (const click of input.clicks.filter((c) => c.lang === lang)) {
      const key = `${click.name}-${lang}`;
      const section = page.locator(`section[data-card="${key}"] .slot`);
      const before = await page.evaluate(() => window.executed.length);
      await section.getByRole("button", { name: click.title, exact: true }).nth(click.index ?? 0).click();
      const executed = await page.evaluate((n) => window.executed.slice(n), before);
      output.clicks.push({ ...click, executed, textAfter: await section.innerText() });
    }
    const shot = resolve(input.artifacts, `cards-${lang}.png`);
    mkdirSync(resolve(input.artifacts, "cards"), { recursive: true });
    await page.screenshot({ path: shot, fullPage: true });
    output.screenshots.push(shot);
    for (const item of input.cards.filter((c) => c.lang === lang)) {
      const key = `${item.name}-${lang}`;
      await page.locator(`section[data-card="${key}"] .slot`).screenshot({ path: resolve(input.artifacts, "cards", `${key}.png`) });
    }
    await page.close();
  }
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(output));
