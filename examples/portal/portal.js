// The example portal's side of embedding kestra-admin: its own sign-in, the Kestra API token it
// hands the console, and the breadcrumb it keeps in sync with the console's navigation.
//
// A real portal signs its users in with its own SSO and gets a short-lived Kestra API token
// from its backend. This static example stands in for both: its sign-in form asks for a Kestra
// email and password once, and exchanges them (POST /api/v1/me/api-tokens) for an API token
// that expires after 8 hours. Only the token is kept (sessionStorage, this tab only), never the
// password.

const TOKEN_KEY = "acme-portal.kestra-token";

export function storedToken() {
  return sessionStorage.getItem(TOKEN_KEY);
}

export function forgetToken() {
  sessionStorage.removeItem(TOKEN_KEY);
}

// Shows the portal's sign-in form in `container` and resolves with a new token once it works.
export function signIn(container) {
  container.innerHTML = `
    <form class="portal-sign-in">
      <h2>Sign in to the Acme portal</h2>
      <label>Email <input name="email" type="email" autocomplete="username" required></label>
      <label>Password <input name="password" type="password" autocomplete="current-password" required></label>
      <p class="portal-error" role="alert" hidden></p>
      <button type="submit">Sign in</button>
    </form>`;
  const form = container.querySelector("form");
  const error = form.querySelector(".portal-error");
  return new Promise((resolve) => {
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      error.hidden = true;
      const email = form.email.value.trim();
      try {
        const token = await mintToken(email, form.password.value);
        sessionStorage.setItem(TOKEN_KEY, token);
        container.innerHTML = "";
        resolve(token);
      } catch (failure) {
        error.textContent = failure.message;
        error.hidden = false;
      }
    });
  });
}

async function mintToken(email, password) {
  const name = `acme-portal-${Date.now().toString(36)}`;
  const response = await fetch("/api/v1/me/api-tokens", {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      Accept: "application/json",
      Authorization: "Basic " + btoa(String.fromCharCode(...new TextEncoder().encode(`${email}:${password}`))),
    },
    body: JSON.stringify({ name, description: "Signed in through the Acme portal", maxAge: "PT8H" }),
  });
  if (response.status === 401) throw new Error("Wrong email or password.");
  if (!response.ok) throw new Error(`The portal could not sign you in (HTTP ${response.status}).`);
  return (await response.json()).fullToken;
}

// Keeps the portal's breadcrumb in sync with the console's `kestra-admin:navigate` details.
export function showBreadcrumb(element, detail) {
  const parts = ["Acme portal", "Administration"];
  if (detail.tenant) parts.push(`tenant ${detail.tenant}`);
  const section = detail.route.split("/").filter(Boolean).slice(detail.tenant ? 2 : 1)[0];
  if (section) parts.push(section.replace(/-/g, " "));
  element.textContent = parts.join(" › ");
  element.dataset.route = detail.route;
}

// The portal's own chrome, shared by its pages: header with menu and sign-out, and the
// breadcrumb. Returns the elements the page wires up.
export function portalChrome(currentHref) {
  document.body.insertAdjacentHTML("afterbegin", `
    <header class="portal-header">
      <h1>Acme portal</h1>
      <nav aria-label="Portal">
        <a href="/portal/admin/">Administration</a>
        <a href="/portal/iframe.html">Administration (iframe)</a>
      </nav>
      <button type="button" class="portal-sign-out" hidden>Sign out of the portal</button>
    </header>
    <p class="portal-breadcrumb" aria-label="Breadcrumb">Acme portal</p>`);
  for (const link of document.querySelectorAll(".portal-header nav a")) {
    if (link.getAttribute("href") === currentHref) link.setAttribute("aria-current", "page");
  }
  const signOut = document.querySelector(".portal-sign-out");
  signOut.addEventListener("click", () => {
    forgetToken();
    location.assign(currentHref);
  });
  return { breadcrumb: document.querySelector(".portal-breadcrumb"), signOut };
}
