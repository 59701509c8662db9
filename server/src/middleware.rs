//! Request middleware of our own.

use std::panic::AssertUnwindSafe;

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderValue};
use actix_web::middleware::Next;
use futures_util::FutureExt;

use crate::error::ApiError;

/// Last resort: a handler that panics answers a logged 500 problem instead of dropping the
/// connection. Panics are bugs; the log says where.
pub async fn catch_panics(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    match AssertUnwindSafe(next.call(req)).catch_unwind().await {
        Ok(result) => result.map(ServiceResponse::map_into_boxed_body),
        Err(panic) => {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            // Returned as an error (rendered by actix as our problem document): the request
            // itself went down with the panicking future, and a clone would break routing.
            Err(ApiError::internal(anyhow::anyhow!("handler panicked: {what}")).into())
        }
    }
}

/// The web client's files under `/assets/` carry a content hash in their names, so a browser may
/// keep them for a year without asking again; a new build has new names. Only successful answers
/// are marked: a missing asset must not be remembered.
pub async fn asset_cache_headers(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let is_asset = req.path().starts_with("/assets/");
    let mut res = next.call(req).await?;
    if is_asset && res.status().is_success() {
        res.headers_mut().insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("public, max-age=31536000, immutable"),
        );
    }
    Ok(res)
}

#[cfg(test)]
mod tests {
    use actix_web::{middleware::from_fn, test, web, App, HttpResponse};

    #[actix_web::test]
    async fn a_panicking_handler_answers_a_problem() {
        let app = test::init_service(
            App::new()
                .wrap(from_fn(super::catch_panics))
                .route(
                    "/boom",
                    web::get().to(|| async {
                        if true {
                            panic!("secret detail");
                        }
                        HttpResponse::Ok().finish()
                    }),
                )
                .route(
                    "/fine",
                    web::get().to(|| async { HttpResponse::Ok().body("ok") }),
                ),
        )
        .await;
        // The dispatcher renders a service error as the error's response; do the same here.
        let err = test::try_call_service(&app, test::TestRequest::get().uri("/boom").to_request())
            .await
            .expect_err("the panic becomes an error");
        let res = err.error_response();
        assert_eq!(res.status(), 500);
        assert_eq!(
            res.headers().get("content-type").unwrap(),
            "application/problem+json"
        );
        let body = actix_web::body::to_bytes(res.into_body()).await.unwrap();
        let text = String::from_utf8_lossy(&body);
        assert!(
            text.contains("internal_error") && !text.contains("secret detail"),
            "{text}"
        );
        let res =
            test::call_service(&app, test::TestRequest::get().uri("/fine").to_request()).await;
        assert_eq!(res.status(), 200);
    }
}
