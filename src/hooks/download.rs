//! Saving text the console fetched (a CSV export) as a file: the request carries the
//! session's credentials in its header, so the browser cannot be sent to the URL itself; the
//! answer becomes a blob, offered through a temporary `<a download>`.

use wasm_bindgen::{JsCast, JsValue};

/// Offers `text` as a download named `file_name`, of type `mime`.
pub fn save_text(file_name: &str, mime: &str, text: &str) -> Result<(), String> {
    let fail = |e: JsValue| format!("{e:?}");
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(fail)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(fail)?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let link: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(fail)?
        .dyn_into()
        .map_err(|_| "not a link".to_string())?;
    link.set_href(&url);
    link.set_download(file_name);
    link.set_hidden(true);
    let body = document.body().ok_or("no body")?;
    body.append_child(&link).map_err(fail)?;
    link.click();
    link.remove();
    // Revoked a little later: revoking at once may cancel the download that just started.
    leptos::prelude::set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(30),
    );
    Ok(())
}
