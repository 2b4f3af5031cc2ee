fn main() {
    console_error_panic_hook::set_once();
    pathway_web::run();
}
