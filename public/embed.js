// Mounts the kestra-admin console into a host page (a portal):
//
//   <div id="kestra-admin" data-base-path="/portal/admin/" data-embedded></div>
//   <script type="module" src="/ui/embed.js"></script>
//
// The console's files have content hashes in their names that change with every build, so this
// loader reads the console's index.html next to it for the current names, adds its stylesheet
// (scoped to #kestra-admin, so the host page keeps its looks) and starts the WebAssembly app,
// which mounts into #kestra-admin and reads its settings from the element's data-* attributes.
// See the README, "Embedding".
const base = new URL(".", import.meta.url);
const response = await fetch(new URL("index.html", base), { credentials: "same-origin" });
if (!response.ok) {
  throw new Error(`kestra-admin: cannot read ${response.url} (${response.status})`);
}
const page = new DOMParser().parseFromString(await response.text(), "text/html");
const asset = (selector) => {
  const element = page.querySelector(selector);
  if (!element) throw new Error(`kestra-admin: ${selector} missing from the console's index.html`);
  return element;
};

for (const sheet of page.querySelectorAll('link[rel="stylesheet"]')) {
  const link = document.createElement("link");
  link.rel = "stylesheet";
  link.href = new URL(sheet.getAttribute("href"), base).href;
  if (sheet.integrity) link.integrity = sheet.integrity;
  document.head.append(link);
}

const glue = asset('link[rel="modulepreload"]');
const wasm = asset('link[rel="preload"][as="fetch"]');
const app = await import(new URL(glue.getAttribute("href"), base).href);
await app.default({ module_or_path: new URL(wasm.getAttribute("href"), base).href });
