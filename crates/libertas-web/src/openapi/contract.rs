//! What every operation of the document must state, filled in from what the server does.
//!
//! The handlers' annotations say what is particular to a route (its body, its success, a
//! conflict it can raise). What the shared layers answer for every route is added here, from
//! the shape of the operation, so that no route can forget it:
//! - an operation with security answers 401 (no or bad credentials) and 403 (a role that may
//!   never use it, or a cookie session failing the cross-site checks);
//! - a path parameter answers 400 when malformed and 404 when the record does not exist or
//!   is outside the caller's reach; a query parameter answers 400 when malformed;
//! - a request body answers 400 (invalid, naming the field), 413 (over the size limit) and
//!   415 (not JSON, or not multipart for uploads);
//! - every error response carries the error body.
//!
//! Path parameters get their exact form (every id is a UUID, usernames follow the username
//! rule), and request-body schemas refuse properties they do not declare, as the server does
//! (`deny_unknown_fields`).

use serde_json::{json, Map, Value};

const METHODS: [&str; 5] = ["get", "put", "post", "delete", "patch"];

/// Path parameters that are usernames; every other path parameter is a UUID except the
/// session handle.
const USERNAME_PARAMS: [&str; 1] = ["username"];

/// The session handle administrators use to end a session: 16 hexadecimal digits.
const HANDLE_PARAM: &str = "handle";

fn error_schema() -> Value {
    json!({
        "type": "object",
        "required": ["error"],
        "properties": {
            "error": {
                "type": "object",
                "required": ["code", "message"],
                "properties": {
                    "code": {"type": "string", "description": "machine-readable: invalid_field, unauthenticated, forbidden, not_found, conflict, payload_too_large, unsupported_media_type, too_many_requests …"},
                    "message": {"type": "string"},
                    "field": {"type": "string", "description": "the request field at fault (validation errors only)"}
                }
            }
        }
    })
}

fn describe(status: &str) -> &'static str {
    match status {
        "400" => "Invalid request: a parameter or a body field is malformed (`field` names it)",
        "401" => "No credentials, or credentials that are not valid",
        "403" => {
            "The caller's role may not do this, or a cookie session failed the cross-site checks"
        }
        "404" => "No such record, or one outside the caller's organisation or cases",
        "409" => "Conflicts with the record's current state",
        "413" => "The body is larger than the server accepts",
        "415" => "The body is not of the content type this operation takes",
        "429" => "Too many requests; `Retry-After` says when to try again",
        _ => "Error",
    }
}

/// Fills in the document. Idempotent.
pub fn complete(doc: &mut Value) {
    let mut request_schemas = vec![];
    if let Some(paths) = doc.get_mut("paths").and_then(Value::as_object_mut) {
        for item in paths.values_mut() {
            for method in METHODS {
                if let Some(op) = item.get_mut(method) {
                    complete_operation(op, &mut request_schemas);
                }
            }
        }
    }
    let components = doc
        .as_object_mut()
        .map(|d| d.entry("components").or_insert_with(|| json!({})));
    let Some(schemas) = components.and_then(|c| {
        c.as_object_mut()
            .map(|c| c.entry("schemas").or_insert_with(|| json!({})))
    }) else {
        return;
    };
    if let Some(schemas) = schemas.as_object_mut() {
        schemas.insert("Error".into(), error_schema());
        close_request_schemas(schemas, request_schemas);
    }
}

fn complete_operation(op: &mut Value, request_schemas: &mut Vec<String>) {
    let secured = op
        .get("security")
        .and_then(Value::as_array)
        .is_some_and(|s| !s.is_empty());
    let mut statuses: Vec<&str> = vec![];
    if secured {
        statuses.extend(["401", "403"]);
    }
    if let Some(params) = op.get_mut("parameters").and_then(Value::as_array_mut) {
        for p in params.iter_mut() {
            match p.get("in").and_then(Value::as_str) {
                Some("path") => {
                    statuses.extend(["400", "404"]);
                    let name = p.get("name").and_then(Value::as_str).unwrap_or("");
                    p["schema"] = path_schema(name);
                }
                Some("query") => statuses.push("400"),
                _ => {}
            }
        }
    }
    if let Some(body) = op.get("requestBody") {
        statuses.extend(["400", "413", "415"]);
        collect_refs(body, request_schemas);
    }
    let responses = op
        .as_object_mut()
        .map(|o| o.entry("responses").or_insert_with(|| json!({})));
    let Some(responses) = responses.and_then(Value::as_object_mut) else {
        return;
    };
    for s in statuses {
        responses
            .entry(s.to_owned())
            .or_insert_with(|| json!({ "description": describe(s) }));
    }
    for (status, response) in responses.iter_mut() {
        if status.starts_with('4') || status.starts_with('5') {
            let Some(r) = response.as_object_mut() else {
                continue;
            };
            let description_is_empty = r
                .get("description")
                .and_then(Value::as_str)
                .is_none_or(str::is_empty);
            if description_is_empty {
                r.insert("description".into(), json!(describe(status)));
            }
            r.entry("content").or_insert_with(
                || json!({"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}),
            );
        }
    }
}

fn path_schema(name: &str) -> Value {
    if USERNAME_PARAMS.contains(&name) {
        serde_json::to_value(crate::http::schema::username()).unwrap_or_default()
    } else if name == HANDLE_PARAM {
        json!({"type": "string", "pattern": "^[0-9a-f]{16}$"})
    } else {
        json!({"type": "string", "format": "uuid"})
    }
}

/// Every `$ref` to a component schema under `v`.
fn collect_refs(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Object(o) => {
            if let Some(r) = o.get("$ref").and_then(Value::as_str) {
                if let Some(name) = r.strip_prefix("#/components/schemas/") {
                    out.push(name.to_owned());
                }
            }
            o.values().for_each(|x| collect_refs(x, out));
        }
        Value::Array(a) => a.iter().for_each(|x| collect_refs(x, out)),
        _ => {}
    }
}

/// Request schemas, and the schemas they use, refuse undeclared properties.
fn close_request_schemas(schemas: &mut Map<String, Value>, mut todo: Vec<String>) {
    let mut done: Vec<String> = vec![];
    while let Some(name) = todo.pop() {
        if done.contains(&name) {
            continue;
        }
        if let Some(s) = schemas.get_mut(&name) {
            close_object(s);
            collect_refs(s, &mut todo);
        }
        done.push(name);
    }
}

fn close_object(s: &mut Value) {
    if let Some(o) = s.as_object_mut() {
        let is_object =
            o.get("type").and_then(Value::as_str) == Some("object") || o.contains_key("properties");
        if is_object && !o.contains_key("additionalProperties") {
            o.insert("additionalProperties".into(), json!(false));
        }
        if let Some(props) = o.get_mut("properties").and_then(Value::as_object_mut) {
            for p in props.values_mut() {
                close_object(p);
            }
        }
        for key in ["items", "allOf", "oneOf", "anyOf"] {
            match o.get_mut(key) {
                Some(Value::Array(a)) => a.iter_mut().for_each(close_object),
                Some(v @ Value::Object(_)) => close_object(v),
                _ => {}
            }
        }
    }
}
