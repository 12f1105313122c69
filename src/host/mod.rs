//! The page hosting the console: the element it mounts into, and the conversation with a
//! portal that embeds it (in an element of the portal's page, or in an iframe).
//!
//! What the console tells the host: a bubbling `CustomEvent` on the mount element and, inside an
//! iframe, a `postMessage` to the parent (to the console's own origin and each allowed origin
//! only, so paths never leak to a stranger) whose data is `{type, ...detail}`:
//! - `kestra-admin:navigate` `{path, route, tenant}` after every route change;
//! - `kestra-admin:token-request` `{}` when it needs (new) credentials.
//!
//! What the host tells the console: `kestra-admin:token` `{token}`, either as a `CustomEvent` on
//! the mount element or as a `postMessage` from the console's own origin or an allowed origin.
//! Messages from any other origin are ignored.

pub mod bridge;

use std::rc::Rc;

use leptos::prelude::RwSignal;
use send_wrapper::SendWrapper;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

use crate::config::RuntimeConfig;

/// The id of the element the console mounts into; created in `<body>` when the page has none.
pub const ROOT_ID: &str = "kestra-admin";
/// The event and message type that carries a token from the host.
pub const TOKEN: &str = "kestra-admin:token";

/// Why the host's last token was refused (`None` while none was), shared through context for
/// the page that waits for the host.
#[derive(Clone, Copy)]
pub struct HostRefusal(pub RwSignal<Option<String>>);

/// The host page, shared through context (which needs `Send`: the browser has one thread,
/// and `SendWrapper` checks that the DOM handles never leave it).
#[derive(Clone)]
pub struct Host(SendWrapper<Rc<HostPage>>);

struct HostPage {
    root: web_sys::Element,
    framed: bool,
    /// The console's own origin and the configured allowed origins.
    trusted_origins: Rc<Vec<String>>,
}

impl Host {
    pub fn new(root: web_sys::Element, config: &RuntimeConfig) -> Host {
        let own = window().location().origin().unwrap_or_default();
        let trusted = std::iter::once(own)
            .chain(config.allowed_origins.iter().cloned())
            .collect();
        Host(SendWrapper::new(Rc::new(HostPage {
            root,
            framed: is_framed(),
            trusted_origins: Rc::new(trusted),
        })))
    }

    /// Tells the host something happened: `kind` is the event name after `kestra-admin:`.
    pub fn send(&self, kind: &str, detail: serde_json::Value) {
        let page = &self.0;
        let name = format!("kestra-admin:{kind}");
        let init = web_sys::CustomEventInit::new();
        init.set_bubbles(true);
        init.set_detail(&to_js(&detail));
        if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict(&name, &init) {
            let _ = page.root.dispatch_event(&event);
        }
        if !page.framed {
            return;
        }
        let Some(parent) = window().parent().ok().flatten() else {
            return;
        };
        let mut message = detail;
        if let Some(object) = message.as_object_mut() {
            object.insert("type".into(), name.into());
        }
        let message = to_js(&message);
        // A target origin the parent does not have drops the message, so trying each trusted
        // origin reaches the parent only if it is one of them.
        for origin in page.trusted_origins.iter() {
            let _ = parent.post_message(&message, origin);
        }
    }

    /// Calls `handler` with every token the host hands over, as an event on the mount element
    /// or as a message from a trusted origin. The listeners live as long as the page.
    pub fn on_token(&self, handler: impl Fn(String) + 'static) {
        let handler = Rc::new(handler);
        let from_event = handler.clone();
        let on_event =
            Closure::<dyn Fn(web_sys::CustomEvent)>::new(move |event: web_sys::CustomEvent| {
                if let Some(token) = token_in(&event.detail()) {
                    from_event(token);
                }
            });
        let _ = self
            .0
            .root
            .add_event_listener_with_callback(TOKEN, on_event.as_ref().unchecked_ref());
        on_event.forget();

        let trusted = self.0.trusted_origins.clone();
        let on_message =
            Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
                let data = event.data();
                if is_token_message(&data)
                    && trusts(&trusted, &event.origin())
                    && let Some(token) = token_in(&data)
                {
                    handler(token);
                }
            });
        let _ = window()
            .add_event_listener_with_callback("message", on_message.as_ref().unchecked_ref());
        on_message.forget();
    }
}

/// The element to mount into: `#kestra-admin` in the host page, or a new one in `<body>`.
pub fn root_element() -> web_sys::Element {
    let document = leptos::prelude::document();
    if let Some(root) = document.get_element_by_id(ROOT_ID) {
        return root;
    }
    let root = document
        .create_element("div")
        .expect("a div can be created");
    root.set_id(ROOT_ID);
    if let Some(body) = document.body() {
        let _ = body.append_child(&root);
    }
    root
}

/// The token the host put on the mount element (`data-token`), removed from the DOM once read
/// so that it does not linger where any script or an inspector would see it.
pub fn take_token(root: &web_sys::Element) -> Option<String> {
    let token = root.get_attribute("data-token")?;
    let _ = root.remove_attribute("data-token");
    let token = token.trim().to_string();
    (!token.is_empty()).then_some(token)
}

/// Whether the console runs inside an iframe (then it is always embedded).
pub fn is_framed() -> bool {
    let window = window();
    window
        .top()
        .ok()
        .flatten()
        .is_some_and(|top| !js_sys::Object::is(&top, &window))
}

/// Whether a message's origin is the console's own or an allowed one. Exact match only:
/// `https://portal.example.com.evil.net` is not `https://portal.example.com`.
pub fn trusts(trusted: &[String], origin: &str) -> bool {
    trusted.iter().any(|t| t == origin)
}

fn is_token_message(data: &JsValue) -> bool {
    js_sys::Reflect::get(data, &"type".into())
        .ok()
        .and_then(|t| t.as_string())
        .is_some_and(|t| t == TOKEN)
}

fn token_in(value: &JsValue) -> Option<String> {
    if !value.is_object() {
        return None;
    }
    let token = js_sys::Reflect::get(value, &"token".into())
        .ok()?
        .as_string()?;
    let token = token.trim().to_string();
    (!token.is_empty()).then_some(token)
}

fn to_js(value: &serde_json::Value) -> JsValue {
    js_sys::JSON::parse(&value.to_string()).unwrap_or(JsValue::NULL)
}

fn window() -> web_sys::Window {
    leptos::prelude::window()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_exact_origins_are_trusted() {
        let trusted = [
            "https://console.example.com".to_string(),
            "https://portal.example.com".to_string(),
        ];
        assert!(trusts(&trusted, "https://portal.example.com"));
        assert!(!trusts(&trusted, "https://portal.example.com.evil.net"));
        assert!(!trusts(&trusted, "http://portal.example.com"));
        assert!(!trusts(&trusted, "null"));
    }
}
