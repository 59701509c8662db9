//! What a client needs to know about the instance before anything else: its name and look.

use actix_web::{get, web};
use serde::Serialize;
use utoipa::ToSchema;

use crate::state::AppState;

#[derive(Debug, Serialize, ToSchema)]
pub struct InstanceOut {
    /// Shown in the header and page titles, e.g. `Comune di Reggio Emilia`.
    pub name: String,
    /// The main colour, `#rrggbb`, with at least 4.5:1 contrast against white text; null for the
    /// client's default.
    pub theme_color: Option<String>,
    /// The language for people who have not chosen one: `it` or `en`.
    pub default_locale: String,
    /// Where times are shown and events are planned (IANA name).
    pub time_zone: String,
}

/// The instance's name, colour, default language and time zone.
#[utoipa::path(
    tag = "instance",
    operation_id = "instance_get",
    responses((status = 200, body = InstanceOut))
)]
#[get("/instance")]
pub async fn get(state: web::Data<AppState>) -> web::Json<InstanceOut> {
    let s = &state.settings;
    web::Json(InstanceOut {
        name: s.instance_name.clone(),
        theme_color: s.theme_color.clone(),
        default_locale: s.default_locale.clone(),
        time_zone: s.time_zone.clone(),
    })
}
