//! The process half of the onair StreamNook hybrid plugin.
//!
//! StreamNook delivers its notifications (`on_stream_start`, `on_chat_message`, …) and the
//! `get_followed_live` host method only to process plugins, over stdio. This sidecar answers the
//! handshake (`initialize`, `ping`, `shutdown`/`exit`), loads the followed live channels, and
//! re-publishes every hooked notification with `set_status` on the `onair.feed` status slot. The
//! host turns each push into a `plugin://status` app event, which the UI half hears. Status pushes
//! are not replayed, so the UI half asks for the current state with the `onair.snapshot` action;
//! the answer also goes out on the feed, in order with the events.
//!
//! Protocol: StreamNook's plugin protocol v1 (docs: api-protocol, api-hooks, plugin-ui).

mod frame;
mod json;

use frame::{read_frame, write_frame, Incoming};
use json::Value;
use std::io::{self, BufReader, Write};

/// The status slot the manifest declares under `[contributes] status`.
pub const FEED_SLOT: &str = "onair.feed";
/// The action the manifest declares under `[contributes] actions`.
pub const SNAPSHOT_ACTION: &str = "onair.snapshot";
/// Notifications the UI half uses; the host sends only those it also granted.
pub const WANTED_HOOKS: &[&str] = &[
    "on_stream_start",
    "on_stream_stop",
    "on_channel_change",
    "on_watch_tick",
    "on_followed_live",
    "on_chat_message",
];
const FOLLOWED_METHOD: &str = "get_followed_live";

const METHOD_NOT_FOUND: i64 = -32601;
const INVALID_PARAMS: i64 = -32602;

/// What the main loop does after a frame.
#[derive(Debug, PartialEq)]
pub enum Next {
    Continue,
    Exit,
}

#[derive(Default)]
pub struct Sidecar {
    hooks: Vec<String>,
    may_load_followed: bool,
    followed: Option<Value>,
    followed_error: Option<String>,
    active: Option<Value>,
    next_id: u64,
    /// The id of our in-flight `get_followed_live` request, if any.
    loading: Option<u64>,
    /// `invoke_action` requests waiting for that load to finish.
    waiting: Vec<Value>,
    shutting_down: bool,
    seq: u64,
}

impl Sidecar {
    /// Handles one incoming message; returns the messages to send and what to do next.
    pub fn handle(&mut self, message: &Value) -> (Vec<Value>, Next) {
        let mut out = Vec::new();
        let method = message.get("method").and_then(Value::as_str);
        let id = message.get("id").filter(|id| !id.is_null()).cloned();
        let params = message.get("params").cloned().unwrap_or(Value::Null);
        let next = match (method, id) {
            (Some(method), Some(id)) => {
                self.request(method, id, &params, &mut out);
                Next::Continue
            }
            (Some(method), None) => self.notification(method, &params, &mut out),
            (None, Some(id)) => {
                self.response(&id, message, &mut out);
                Next::Continue
            }
            (None, None) => {
                eprintln!("onair sidecar: ignored a frame with neither method nor id");
                Next::Continue
            }
        };
        (out, next)
    }

    fn request(&mut self, method: &str, id: Value, params: &Value, out: &mut Vec<Value>) {
        match method {
            "initialize" => {
                self.initialize(params);
                let hooks = Value::Array(self.hooks.iter().map(|h| Value::str(h)).collect());
                out.push(result(id, Value::object(vec![("plugin_version", Value::str(env!("CARGO_PKG_VERSION"))), ("hooks", hooks)])));
            }
            "ping" => out.push(result(id, Value::Object(Vec::new()))),
            "shutdown" => {
                self.shutting_down = true;
                out.push(result(id, Value::Null));
            }
            "invoke_action" => self.invoke_action(id, params, out),
            other => out.push(error(id, METHOD_NOT_FOUND, &format!("unknown method '{other}'"))),
        }
    }

    /// Hooks = what we want ∩ what the host granted; host methods likewise.
    fn initialize(&mut self, params: &Value) {
        let granted = params.get("granted");
        let events = granted.and_then(|g| g.get("events")).and_then(Value::as_array);
        self.hooks = WANTED_HOOKS
            .iter()
            .filter(|hook| events.map_or(true, |list| list.iter().any(|e| e.as_str() == Some(hook))))
            .map(|hook| hook.to_string())
            .collect();
        let methods = granted.and_then(|g| g.get("host_methods")).and_then(Value::as_array);
        self.may_load_followed = methods.map_or(false, |list| list.iter().any(|m| m.as_str() == Some(FOLLOWED_METHOD)));
    }

    fn notification(&mut self, method: &str, params: &Value, out: &mut Vec<Value>) -> Next {
        match method {
            "initialized" => {
                if !self.load_followed(out) {
                    self.publish_snapshot(out);
                }
            }
            "exit" => return Next::Exit,
            event if !self.shutting_down && self.hooks.iter().any(|h| h == event) => {
                self.track(event, params);
                let value = Value::object(vec![("kind", Value::str("event")), ("event", Value::str(event)), ("params", params.clone())]);
                out.push(self.push(value));
            }
            _ => {}
        }
        Next::Continue
    }

    /// Keeps what a snapshot needs: the followed live set and the active channel.
    fn track(&mut self, event: &str, params: &Value) {
        match event {
            "on_followed_live" => {
                if let Some(channels) = params.get("channels").filter(|c| c.as_array().is_some()) {
                    self.followed = Some(channels.clone());
                    self.followed_error = None;
                }
            }
            "on_stream_start" => {
                let channel = params.get("channel");
                self.set_active(channel.and_then(|c| c.get("channel_id")), channel.and_then(|c| c.get("login")));
            }
            "on_channel_change" => self.set_active(params.get("channel_id"), params.get("login")),
            "on_stream_stop" => {
                let stopped = params.get("channel_id");
                if stopped.is_some() && self.active.as_ref().and_then(|a| a.get("channel_id")) == stopped {
                    self.active = None;
                }
            }
            "on_watch_tick" => match params.get("active_channel_id") {
                Some(Value::Null) => self.active = None,
                Some(id @ Value::String(_)) if self.active.as_ref().and_then(|a| a.get("channel_id")) != Some(id) => {
                    self.set_active(Some(id), None);
                }
                _ => {}
            },
            _ => {}
        }
    }

    fn set_active(&mut self, channel_id: Option<&Value>, login: Option<&Value>) {
        if let Some(channel_id @ Value::String(_)) = channel_id {
            let login = login.cloned().unwrap_or_else(|| Value::str(""));
            self.active = Some(Value::object(vec![("channel_id", channel_id.clone()), ("login", login)]));
        }
    }

    fn invoke_action(&mut self, id: Value, params: &Value, out: &mut Vec<Value>) {
        let action = params.get("action").and_then(Value::as_str);
        if action != Some(SNAPSHOT_ACTION) {
            out.push(error(id, INVALID_PARAMS, &format!("unknown action '{}'", action.unwrap_or(""))));
            return;
        }
        let refresh = matches!(params.get("args").and_then(|a| a.get("refresh")), Some(Value::Bool(true)));
        let stale = refresh || (self.followed.is_none() && self.followed_error.is_none());
        if stale && (self.loading.is_some() || self.load_followed(out)) {
            self.waiting.push(id);
        } else {
            let snapshot = self.publish_snapshot(out);
            out.push(result(id, snapshot));
        }
    }

    /// Asks the host for the followed live channels; false when not granted.
    fn load_followed(&mut self, out: &mut Vec<Value>) -> bool {
        if !self.may_load_followed {
            return false;
        }
        if self.loading.is_none() {
            self.next_id += 1;
            self.loading = Some(self.next_id);
            out.push(Value::object(vec![
                ("jsonrpc", Value::str("2.0")),
                ("id", Value::int(self.next_id)),
                ("method", Value::str(FOLLOWED_METHOD)),
                ("params", Value::Object(Vec::new())),
            ]));
        }
        true
    }

    fn response(&mut self, id: &Value, message: &Value, out: &mut Vec<Value>) {
        if self.loading.map(Value::int).as_ref() != Some(id) {
            return;
        }
        self.loading = None;
        match message.get("result").and_then(|r| r.get("channels")).filter(|c| c.as_array().is_some()) {
            Some(channels) => {
                self.followed = Some(channels.clone());
                self.followed_error = None;
            }
            None => {
                let reason = message.get("error").and_then(|e| e.get("message")).and_then(Value::as_str).unwrap_or("unexpected result");
                self.followed_error = Some(format!("{FOLLOWED_METHOD} failed: {reason}"));
            }
        }
        let snapshot = self.publish_snapshot(out);
        for waiting in std::mem::take(&mut self.waiting) {
            out.push(result(waiting, snapshot.clone()));
        }
    }

    /// What the UI half needs to start from: the followed live channels and the active channel.
    fn snapshot(&self) -> Value {
        let mut entries = vec![
            ("followed", self.followed.clone().unwrap_or(Value::Null)),
            ("active", self.active.clone().unwrap_or(Value::Null)),
            ("hooks", Value::Array(self.hooks.iter().map(|h| Value::str(h)).collect())),
        ];
        if let Some(reason) = &self.followed_error {
            entries.push(("error", Value::str(reason)));
        }
        Value::object(entries)
    }

    /// Pushes the snapshot on the feed, in order with the events, and returns it with that push's
    /// `seq`: applied in feed order, a snapshot never overtakes a newer event.
    fn publish_snapshot(&mut self, out: &mut Vec<Value>) -> Value {
        let snapshot = self.snapshot();
        let push = self.push(Value::object(vec![("kind", Value::str("snapshot")), ("snapshot", snapshot.clone())]));
        out.push(push);
        let mut answer = snapshot;
        if let Value::Object(entries) = &mut answer {
            entries.push(("seq".to_string(), Value::int(self.seq)));
        }
        answer
    }

    /// A `set_status` notification; `seq` lets the UI notice pushes it missed.
    fn push(&mut self, mut value: Value) -> Value {
        self.seq += 1;
        if let Value::Object(entries) = &mut value {
            entries.push(("seq".to_string(), Value::int(self.seq)));
        }
        Value::object(vec![
            ("jsonrpc", Value::str("2.0")),
            ("method", Value::str("set_status")),
            ("params", Value::object(vec![("slot", Value::str(FEED_SLOT)), ("value", value)])),
        ])
    }
}

fn result(id: Value, value: Value) -> Value {
    Value::object(vec![("jsonrpc", Value::str("2.0")), ("id", id), ("result", value)])
}

fn error(id: Value, code: i64, message: &str) -> Value {
    Value::object(vec![
        ("jsonrpc", Value::str("2.0")),
        ("id", id),
        ("error", Value::object(vec![("code", Value::Number(code.to_string())), ("message", Value::str(message))])),
    ])
}

fn main() {
    let stdin = io::stdin();
    let mut reader = BufReader::new(stdin.lock());
    let stdout = io::stdout();
    let mut writer = stdout.lock();
    let mut sidecar = Sidecar::default();
    loop {
        let body = match read_frame(&mut reader) {
            Ok(Incoming::Frame(body)) => body,
            Ok(Incoming::TooLarge(length)) => {
                eprintln!("onair sidecar: skipped a {length}-byte frame (over 4 MiB)");
                continue;
            }
            Ok(Incoming::End) => return,
            Err(e) => {
                eprintln!("onair sidecar: cannot read from the host: {e}");
                std::process::exit(2);
            }
        };
        let message = match std::str::from_utf8(&body).map_err(|e| e.to_string()).and_then(json::parse) {
            Ok(message) => message,
            Err(e) => {
                eprintln!("onair sidecar: skipped a frame that is not JSON: {e}");
                continue;
            }
        };
        let (replies, next) = sidecar.handle(&message);
        for reply in replies {
            if let Err(e) = write_frame(&mut writer, &reply.to_json()) {
                if e.kind() == io::ErrorKind::InvalidData {
                    eprintln!("onair sidecar: dropped a message: {e}");
                    continue;
                }
                // The host closed our stdout: it is gone, and so are we.
                let _ = io::stderr().flush();
                return;
            }
        }
        if next == Next::Exit {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn msg(text: &str) -> Value {
        json::parse(text).unwrap()
    }

    fn started(granted_methods: &str) -> (Sidecar, Vec<Value>) {
        let mut sidecar = Sidecar::default();
        let init = format!(
            r#"{{"jsonrpc":"2.0","id":1,"method":"initialize","params":{{"protocol_version":1,"granted":{{"events":["on_chat_message","on_stream_start","on_panel_change"],"host_methods":{granted_methods}}}}}}}"#
        );
        let (out, _) = sidecar.handle(&msg(&init));
        assert_eq!(out[0].get("result").unwrap().get("hooks").unwrap().to_json(), r#"["on_stream_start","on_chat_message"]"#);
        let (out, _) = sidecar.handle(&msg(r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#));
        (sidecar, out)
    }

    #[test]
    fn loads_followed_then_pushes_a_snapshot_and_answers_waiting_snapshots() {
        let (mut sidecar, out) = started(r#"["get_followed_live"]"#);
        assert_eq!(out[0].get("method").unwrap().as_str(), Some("get_followed_live"));
        let (out, _) = sidecar.handle(&msg(r#"{"jsonrpc":"2.0","id":9,"method":"invoke_action","params":{"action":"onair.snapshot","args":{}}}"#));
        assert!(out.is_empty(), "waits for the load in flight");
        let (out, _) = sidecar.handle(&msg(r#"{"jsonrpc":"2.0","id":1,"result":{"channels":[{"channel_id":"1","login":"a","viewer_count":5}]}}"#));
        assert_eq!(out[0].get("params").unwrap().get("slot").unwrap().as_str(), Some(FEED_SLOT), "the snapshot goes on the feed first");
        assert_eq!(out[1].get("id"), Some(&Value::int(9)));
        let answer = out[1].get("result").unwrap();
        assert_eq!(answer.get("followed").unwrap().as_array().unwrap().len(), 1);
        assert_eq!(answer.get("seq"), out[0].get("params").unwrap().get("value").unwrap().get("seq"));
    }

    #[test]
    fn forwards_hooked_events_only_and_tracks_the_active_channel() {
        let (mut sidecar, out) = started("[]");
        assert_eq!(out[0].get("params").unwrap().get("value").unwrap().get("kind").unwrap().as_str(), Some("snapshot"));
        let (out, _) = sidecar.handle(&msg(r#"{"jsonrpc":"2.0","method":"on_stream_start","params":{"channel":{"channel_id":"7","login":"x","display_name":"","viewer_count":null}}}"#));
        let value = out[0].get("params").unwrap().get("value").unwrap();
        assert_eq!(value.get("event").unwrap().as_str(), Some("on_stream_start"));
        let (out, _) = sidecar.handle(&msg(r#"{"jsonrpc":"2.0","method":"on_watch_tick","params":{"active_channel_id":null}}"#));
        assert!(out.is_empty(), "not hooked");
        let (out, _) = sidecar.handle(&msg(r#"{"jsonrpc":"2.0","id":"a","method":"invoke_action","params":{"action":"onair.snapshot"}}"#));
        assert_eq!(out[1].get("result").unwrap().get("active").unwrap().to_json(), r#"{"channel_id":"7","login":"x"}"#);
        let (out, _) = sidecar.handle(&msg(r#"{"jsonrpc":"2.0","id":"b","method":"invoke_action","params":{"action":"other.thing"}}"#));
        assert_eq!(out[0].get("error").unwrap().get("code"), Some(&Value::Number("-32602".into())));
    }

    #[test]
    fn shuts_down_on_request_then_exit() {
        let (mut sidecar, _) = started("[]");
        let (out, next) = sidecar.handle(&msg(r#"{"jsonrpc":"2.0","id":5,"method":"shutdown","params":null}"#));
        assert_eq!(out[0].to_json(), r#"{"jsonrpc":"2.0","id":5,"result":null}"#);
        assert_eq!(next, Next::Continue);
        let (out, _) = sidecar.handle(&msg(r#"{"jsonrpc":"2.0","method":"on_chat_message","params":{}}"#));
        assert!(out.is_empty(), "nothing is forwarded while shutting down");
        let (_, next) = sidecar.handle(&msg(r#"{"jsonrpc":"2.0","method":"exit","params":null}"#));
        assert_eq!(next, Next::Exit);
    }
}
