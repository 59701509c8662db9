//! The OpenAPI 3.1 document, generated from the handlers' annotations.

use actix_web::dev::{ServiceFactory, ServiceRequest};
use actix_web::App;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};
use utoipa_actix_web::{scope, AppExt};

use crate::error::{Code, FieldErrorDoc, Problem};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Comune API",
        description = "HTTP interface of Comune, a federated co-governance platform for city \
                       neighbourhoods. Errors are `application/problem+json` documents with a \
                       stable `code`.",
        license(name = "AGPL-3.0-or-later", identifier = "AGPL-3.0-or-later"),
    ),
    modifiers(&BearerAuth),
    components(schemas(Problem, Code, FieldErrorDoc)),
    tags(
        (name = "instance", description = "The instance's name, colour, language and time zone"),
        (name = "accounts", description = "Registration and the signed-in account"),
        (name = "auth", description = "Sign-in, sessions, email verification, password reset"),
        (name = "communities", description = "Neighbourhoods and their members"),
        (name = "channels", description = "Channels of a neighbourhood and their moderators"),
        (name = "organizations", description = "Associations, Consulte, businesses, municipal offices, schools"),
        (name = "posts", description = "Posts, comments and likes"),
        (name = "listings", description = "Business listings: categories and offers"),
        (name = "federation", description = "Remote people and communities; the admins' federation policy, peers and delivery queue"),
        (name = "moderation", description = "Reports, moderation actions and the public log"),
        (name = "search", description = "Full-text search"),
        (name = "notifications", description = "Notifications in the app and by mail, and their settings"),
        (name = "media", description = "Images: uploads, alt text, avatars and banners"),
        (name = "accords", description = "Citizenship accords: versions, lifecycle, signatures and the bundle that lets anyone check them"),
    )
)]
struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .description(Some("An access token from /api/v1/auth/login"))
                    .build(),
            ),
        );
    }
}

/// Registers the `/api/v1` routes on `app` and returns it with the document describing them.
pub fn mount<T>(app: App<T>) -> (App<T>, utoipa::openapi::OpenApi)
where
    T: ServiceFactory<ServiceRequest, Config = (), Error = actix_web::Error, InitError = ()>,
{
    let (app, mut doc) = app
        .into_utoipa_app()
        .openapi(ApiDoc::openapi())
        .service(scope("/api/v1").configure(crate::api::configure))
        .split_for_parts();
    doc.info.version = env!("CARGO_PKG_VERSION").to_owned();
    (app, doc)
}

/// The document alone (for `comune openapi` and tests).
pub fn document() -> utoipa::openapi::OpenApi {
    mount(App::new()).1
}
