//! Finding elements the way a screen reader names them: by role and accessible name.
//! Every lookup waits (up to `WAIT`) for the element, since the console renders asynchronously.

use std::time::Duration;

use fantoccini::elements::Element;
use fantoccini::{Client, Locator};

pub const WAIT: Duration = Duration::from_secs(10);

/// XPath string literal for any text (XPath 1.0 has no escapes, so quotes need `concat`).
pub fn literal(text: &str) -> String {
    if !text.contains('\'') {
        return format!("'{text}'");
    }
    let parts: Vec<String> = text.split('\'').map(|p| format!("'{p}'")).collect();
    format!("concat({})", parts.join(", \"'\", "))
}

async fn xpath(client: &Client, path: &str) -> anyhow::Result<Element> {
    Ok(client
        .wait()
        .at_most(WAIT)
        .for_element(Locator::XPath(path))
        .await?)
}

/// The form control labelled `label` (a `<label>` wrapping the control, whose label text may
/// sit in a `span.label` next to a hint or an error, or `aria-label`).
pub async fn field(client: &Client, label: &str) -> anyhow::Result<Element> {
    let l = literal(label);
    let path = format!(
        "//label[normalize-space(text())={l} or normalize-space(.)={l} or normalize-space(span[contains(@class, 'label')])={l}]//*[self::input or self::select or self::textarea]\
         | //*[self::input or self::select or self::textarea][@aria-label={l}]"
    );
    xpath(client, &path).await
}

/// The button (or tab) whose visible text is `name`.
pub async fn button(client: &Client, name: &str) -> anyhow::Result<Element> {
    let n = literal(name);
    xpath(
        client,
        &format!("//button[normalize-space(.)={n} or @aria-label={n}]"),
    )
    .await
}

/// The first heading of level 1 in the main content (the page title; a portal hosting the
/// console has its own `h1` in its header).
pub async fn heading(client: &Client) -> anyhow::Result<Element> {
    xpath(client, "(//main//h1)[1]").await
}

/// The first alert shown to the user (`role="alert"`), leaving out those inside a closed
/// dialog (a page keeps its dialogs, closed, in the document).
pub async fn alert(client: &Client) -> anyhow::Result<Element> {
    xpath(
        client,
        "//*[@role='alert'][not(ancestor::dialog[not(@open)])]",
    )
    .await
}

/// The header's tenant switcher button (its accessible name starts with "Tenant:").
pub async fn tenant_picker(client: &Client) -> anyhow::Result<Element> {
    xpath(client, "//button[starts-with(@aria-label, 'Tenant:')]").await
}

/// The suggestion (`role="option"`) whose text starts with `text`.
pub async fn option(client: &Client, text: &str) -> anyhow::Result<Element> {
    xpath(
        client,
        &format!(
            "//*[@role='option'][starts-with(normalize-space(.), {})]",
            literal(text)
        ),
    )
    .await
}

/// The link whose text is `text`.
pub async fn link(client: &Client, text: &str) -> anyhow::Result<Element> {
    xpath(
        client,
        &format!("//a[normalize-space(.)={}]", literal(text)),
    )
    .await
}

/// The link whose text is `text` in a table row (the header may link the same name: the
/// signed-in person's own profile).
pub async fn row_link(client: &Client, text: &str) -> anyhow::Result<Element> {
    xpath(
        client,
        &format!("//tbody//a[normalize-space(.)={}]", literal(text)),
    )
    .await
}

/// The open modal dialog.
pub async fn dialog(client: &Client) -> anyhow::Result<Element> {
    xpath(client, "//dialog[@open]").await
}

/// Whether the page has no tenant picker (checked once the page has rendered).
pub async fn tenant_picker_absent(client: &Client) -> anyhow::Result<bool> {
    let found = client
        .find_all(Locator::XPath(
            "//button[starts-with(@aria-label, 'Tenant:')]",
        ))
        .await?;
    Ok(found.is_empty())
}

/// The selected tab (`role="tab"`, `aria-selected="true"`) named `name`: found only once the
/// page shows that tab as the current one.
pub async fn selected_tab(client: &Client, name: &str) -> anyhow::Result<Element> {
    xpath(
        client,
        &format!(
            "//*[@role='tab'][@aria-selected='true'][normalize-space(.)={}]",
            literal(name)
        ),
    )
    .await
}
