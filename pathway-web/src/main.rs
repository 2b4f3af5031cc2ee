fn main() {
    console_error_panic_hook::set_once();
    // Everything after the start page draws into #pw-app; the rest of the page is static HTML.
    let target = leptos::prelude::document()
        .get_element_by_id("pw-app")
        .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok());
    if let Some(target) = target {
        leptos::mount::mount_to(target, pathway_web::App).forget();
    }
}
