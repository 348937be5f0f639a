//! report.html in a real headless Chromium, driven over the DevTools protocol on a
//! loopback WebSocket: the page must make no network request besides its own file, log
//! no console error, show the summary numbers of recommendations.json, draw the overlap
//! view, sort and filter tables, and render Chinese with real glyphs (not tofu).
//!
//! Runs when Chromium is installed (/usr/bin/chromium or `chromium` on PATH) or when
//! `FINGERTIP_BROWSER_TEST=required`, in which case a missing browser fails the test.
//! Screenshots go to `target/report-browser/` for a person to look at.

use std::io::{BufRead, BufReader};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fingertip::model::Lang;
use serde_json::{json, Value};
use tungstenite::stream::MaybeTlsStream;
use tungstenite::{Message, WebSocket};

use super::{lookup, write_sample, SCRIPT_NAME};

/// Finds Chromium, or explains why the test does not run.
fn chromium() -> Option<PathBuf> {
    let required = std::env::var("FINGERTIP_BROWSER_TEST").is_ok_and(|v| v == "required");
    let mut candidates = vec![
        PathBuf::from("/usr/bin/chromium"),
        PathBuf::from("/usr/bin/chromium-browser"),
    ];
    if let Some(paths) = std::env::var_os("PATH") {
        candidates.extend(std::env::split_paths(&paths).map(|d| d.join("chromium")));
    }
    find_browser(&candidates, required)
}

/// The first existing candidate; without one, a plain skip message, or a failure when
/// the browser test is required.
fn find_browser(candidates: &[PathBuf], required: bool) -> Option<PathBuf> {
    match (candidates.iter().find(|p| p.is_file()), required) {
        (Some(path), _) => Some(path.clone()),
        (None, true) => panic!(
            "FINGERTIP_BROWSER_TEST=required but Chromium is not installed (apt-get install -y chromium fonts-noto-cjk)"
        ),
        (None, false) => {
            eprintln!(
                "SKIPPED browser test of report.html: Chromium not found. To run it: apt-get install -y chromium fonts-noto-cjk, and set FINGERTIP_BROWSER_TEST=required to make it mandatory."
            );
            None
        }
    }
}

#[test]
fn browser_test_skips_without_chromium_unless_required() {
    let missing = [PathBuf::from("/nonexistent/chromium")];
    assert_eq!(find_browser(&missing, false), None);
    let required = std::panic::catch_unwind(|| find_browser(&missing, true));
    assert!(required.is_err(), "required and missing must fail");
}

/// Kills the browser we started when the test ends, however it ends.
struct Browser {
    child: Child,
    _profile: tempfile::TempDir,
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts headless Chromium with remote debugging on a loopback port and returns the
/// browser's WebSocket URL.
fn launch(binary: &Path) -> (Browser, String) {
    let profile = tempfile::tempdir().unwrap();
    let mut child = Command::new(binary)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--no-default-browser-check",
            "--disable-extensions",
            "--hide-scrollbars",
            "--remote-debugging-address=127.0.0.1",
            "--remote-debugging-port=0",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg("about:blank")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start chromium");
    let stderr = child.stderr.take().unwrap();
    let browser = Browser {
        child,
        _profile: profile,
    };
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        // Keep draining stderr so Chromium never blocks on a full pipe.
        let mut sent = false;
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if !sent {
                if let Some(url) = line.strip_prefix("DevTools listening on ") {
                    let _ = tx.send(url.trim().to_string());
                    sent = true;
                }
            }
        }
    });
    let url = rx
        .recv_timeout(Duration::from_secs(60))
        .expect("Chromium printed its DevTools URL");
    assert!(url.starts_with("ws://127.0.0.1:"), "{url}");
    (browser, url)
}

/// A DevTools client attached to one page through a flattened session.
struct Cdp {
    ws: WebSocket<MaybeTlsStream<TcpStream>>,
    next_id: u64,
    session: Option<String>,
    events: Vec<Value>,
    deadline: Instant,
}

impl Cdp {
    fn connect(url: &str) -> Cdp {
        let (ws, _) = tungstenite::connect(url).expect("connect to DevTools");
        if let MaybeTlsStream::Plain(stream) = ws.get_ref() {
            stream
                .set_read_timeout(Some(Duration::from_secs(5)))
                .unwrap();
        }
        Cdp {
            ws,
            next_id: 0,
            session: None,
            events: Vec::new(),
            deadline: Instant::now() + Duration::from_secs(120),
        }
    }

    fn read(&mut self) -> Option<Value> {
        assert!(Instant::now() < self.deadline, "browser test timed out");
        match self.ws.read() {
            Ok(Message::Text(text)) => Some(serde_json::from_str(text.as_str()).unwrap()),
            Ok(_) => None,
            Err(tungstenite::Error::Io(e))
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) =>
            {
                None
            }
            Err(e) => panic!("DevTools connection failed: {e}"),
        }
    }

    /// Sends a command and waits for its result, keeping the events seen meanwhile.
    fn call(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        let mut msg = json!({ "id": id, "method": method, "params": params });
        if let Some(session) = &self.session {
            msg["sessionId"] = json!(session);
        }
        self.ws.send(Message::text(msg.to_string())).unwrap();
        loop {
            let Some(value) = self.read() else { continue };
            if value["id"] == json!(id) {
                if let Some(error) = value.get("error") {
                    panic!("{method} failed: {error}");
                }
                return value["result"].clone();
            }
            self.events.push(value);
        }
    }

    /// Waits for an event by method name (already seen or still to come).
    fn wait_event(&mut self, method: &str) {
        if self.events.iter().any(|e| e["method"] == method) {
            return;
        }
        loop {
            if let Some(value) = self.read() {
                let hit = value["method"] == method;
                self.events.push(value);
                if hit {
                    return;
                }
            }
        }
    }

    /// Evaluates a JavaScript expression in the page and returns its value.
    fn eval(&mut self, expression: &str) -> Value {
        let result = self.call(
            "Runtime.evaluate",
            json!({ "expression": expression, "returnByValue": true, "awaitPromise": true }),
        );
        if let Some(exception) = result.get("exceptionDetails") {
            panic!("script failed: {exception}\n{expression}");
        }
        result["result"]["value"].clone()
    }
}

/// Decodes standard base64 (the screenshot data).
fn base64_decode(text: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in text.bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => continue,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    out
}

/// Renders a few CJK characters on a canvas in the page's font and compares the
/// bitmaps: real glyphs differ from each other and from the "missing glyph" box of a
/// private-use character; tofu boxes are all alike.
const GLYPH_CHECK: &str = r#"(() => {
  const font = getComputedStyle(document.querySelector('h1')).fontFamily;
  const draw = (ch) => {
    const c = document.createElement('canvas');
    c.width = 64; c.height = 64;
    const x = c.getContext('2d');
    x.fillStyle = '#fff'; x.fillRect(0, 0, 64, 64);
    x.fillStyle = '#000'; x.font = '48px ' + font; x.textBaseline = 'top';
    x.fillText(ch, 4, 4);
    const d = x.getImageData(0, 0, 64, 64).data;
    let ink = 0, hash = 0;
    for (let i = 0; i < d.length; i += 4) {
      const v = d[i] < 128 ? 1 : 0;
      ink += v;
      hash = (hash * 31 + v * (i + 7)) % 1000000007;
    }
    return { ink, hash, width: x.measureText(ch).width };
  };
  const chars = ['中', '审', '计', '报', '告', '群'];
  const glyphs = chars.map(draw);
  const tofu = draw('\uE000');
  return { font, glyphs, tofu };
})()"#;

#[test]
fn report_html_in_headless_chromium() {
    let Some(binary) = chromium() else { return };
    let (dir, _sample) = write_sample(Lang::Zh);
    let html_path = dir.path().join("report.html").canonicalize().unwrap();
    let page_url = format!("file://{}", html_path.display());
    let doc: Value = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join("recommendations.json")).unwrap(),
    )
    .unwrap();

    let (_browser, ws_url) = launch(&binary);
    let mut cdp = Cdp::connect(&ws_url);
    let target = cdp.call("Target.createTarget", json!({ "url": "about:blank" }));
    let attached = cdp.call(
        "Target.attachToTarget",
        json!({ "targetId": target["targetId"], "flatten": true }),
    );
    cdp.session = Some(attached["sessionId"].as_str().unwrap().to_string());
    for domain in [
        "Page.enable",
        "Network.enable",
        "Runtime.enable",
        "Log.enable",
    ] {
        cdp.call(domain, json!({}));
    }
    cdp.call(
        "Emulation.setDeviceMetricsOverride",
        json!({ "width": 1280, "height": 900, "deviceScaleFactor": 1, "mobile": false }),
    );
    cdp.events.clear();
    cdp.call("Page.navigate", json!({ "url": page_url }));
    cdp.wait_event("Page.loadEventFired");

    // Let the page script and fonts settle, then exercise the interactive parts.
    cdp.eval("document.fonts.ready.then(() => true)");
    let drawn = cdp.eval("document.querySelectorAll('#cluster-svg circle').length");
    assert_eq!(drawn, json!(3), "three platforms of the cluster drawn");
    let sorted = cdp.eval(
        "(() => { const th = document.querySelector('#rec-table th'); th.click(); th.click(); \
         return Array.from(document.querySelectorAll('#rec-table tbody tr td:first-child')).map(td => td.textContent); })()",
    );
    assert_eq!(sorted[0], json!("M01"), "sorted descending by id: {sorted}");
    let filtered = cdp.eval(
        "(() => { const s = document.querySelector('.controls[data-table=\"rec-table\"] select'); s.value = 'merge'; \
         s.dispatchEvent(new Event('change')); \
         return Array.from(document.querySelectorAll('#rec-table tbody tr')).filter(r => !r.hidden).length; })()",
    );
    assert_eq!(filtered, json!(2), "two merges after filtering");
    let one = cdp.eval(
        "(() => { const s = document.getElementById('cluster-pick'); s.value = '0'; s.dispatchEvent(new Event('change')); \
         return document.querySelectorAll('#cluster-svg circle').length; })()",
    );
    assert_eq!(one, json!(3));
    cdp.eval(
        "(() => { const s = document.querySelector('.controls[data-table=\"rec-table\"] select'); s.value = ''; \
         s.dispatchEvent(new Event('change')); \
         const p = document.getElementById('cluster-pick'); p.value = 'all'; p.dispatchEvent(new Event('change')); \
         window.scrollTo(0, 0); return true; })()",
    );

    // The hostile name is shown as text.
    let shown = cdp.eval(&format!(
        "document.body.innerText.includes({}) && document.querySelectorAll('script').length",
        serde_json::to_string(SCRIPT_NAME).unwrap()
    ));
    assert_eq!(
        shown,
        json!(2),
        "name shown as text; only the page's own scripts exist"
    );

    // Summary numbers on the page equal recommendations.json.
    let numbers = cdp.eval(
        "Array.from(document.querySelectorAll('[data-key]')).map(e => [e.getAttribute('data-key'), e.textContent, e.getBoundingClientRect().width > 0])",
    );
    let numbers = numbers.as_array().unwrap();
    assert!(numbers.len() > 30, "{numbers:?}");
    for entry in numbers {
        let key = entry[0].as_str().unwrap();
        let shown: f64 = entry[1].as_str().unwrap().parse().unwrap();
        let expected = lookup(&doc["summary"], key)
            .and_then(Value::as_f64)
            .unwrap_or_else(|| panic!("{key} missing in JSON"));
        assert_eq!(shown, expected, "{key}");
        assert_eq!(entry[2], json!(true), "{key} is visible");
    }
    let headline = cdp.eval("document.querySelector('#summary .card .num').innerText");
    assert_eq!(headline, json!("7 → 3"));

    // Chinese glyphs, not tofu.
    let glyphs = cdp.eval(GLYPH_CHECK);
    eprintln!("glyph check: {glyphs}");
    let list = glyphs["glyphs"].as_array().unwrap();
    let mut hashes: Vec<u64> = list.iter().map(|g| g["hash"].as_u64().unwrap()).collect();
    assert!(
        list.iter().all(|g| g["ink"].as_u64().unwrap() > 50),
        "glyphs have ink"
    );
    hashes.sort_unstable();
    hashes.dedup();
    assert_eq!(
        hashes.len(),
        list.len(),
        "every CJK character renders differently (no tofu)"
    );
    assert!(
        !hashes.contains(&glyphs["tofu"]["hash"].as_u64().unwrap()),
        "CJK glyphs differ from the missing-glyph box"
    );

    // Screenshots of the top of the page and of the whole page, for a person to look at.
    let out_dir = super::super::repo_root()
        .join("target")
        .join("report-browser");
    std::fs::create_dir_all(&out_dir).unwrap();
    let shot = cdp.call("Page.captureScreenshot", json!({ "format": "png" }));
    let png = base64_decode(shot["data"].as_str().unwrap());
    assert!(png.starts_with(b"\x89PNG"), "screenshot is a PNG");
    std::fs::write(out_dir.join("report-top.png"), &png).unwrap();
    // The whole page in slices of 1200 px, so each stays legible.
    let height = cdp
        .eval("document.documentElement.scrollHeight")
        .as_f64()
        .unwrap();
    let mut y = 0.0;
    let mut slice = 0;
    while y < height {
        let h = (height - y).min(1200.0);
        let part = cdp.call(
            "Page.captureScreenshot",
            json!({ "format": "png", "captureBeyondViewport": true,
                    "clip": { "x": 0, "y": y, "width": 1280, "height": h, "scale": 1 } }),
        );
        std::fs::write(
            out_dir.join(format!("report-page-{slice}.png")),
            base64_decode(part["data"].as_str().unwrap()),
        )
        .unwrap();
        y += 1200.0;
        slice += 1;
    }
    cdp.call("Emulation.setEmulatedMedia", json!({ "media": "print" }));
    let print = cdp.call("Page.captureScreenshot", json!({ "format": "png" }));
    std::fs::write(
        out_dir.join("report-print.png"),
        base64_decode(print["data"].as_str().unwrap()),
    )
    .unwrap();
    let controls_hidden = cdp.eval(
        "Array.from(document.querySelectorAll('.controls')).every(c => getComputedStyle(c).display === 'none')",
    );
    assert_eq!(
        controls_hidden,
        json!(true),
        "print hides interactive controls"
    );
    eprintln!("screenshots written to {}", out_dir.display());

    // Drain what is left, then check the network and the console.
    cdp.call("Runtime.evaluate", json!({ "expression": "1" }));
    let mut requests = Vec::new();
    let mut errors = Vec::new();
    for event in &cdp.events {
        match event["method"].as_str().unwrap_or("") {
            "Network.requestWillBeSent" => requests.push(
                event["params"]["request"]["url"]
                    .as_str()
                    .unwrap_or("")
                    .to_string(),
            ),
            "Runtime.consoleAPICalled"
                if matches!(event["params"]["type"].as_str(), Some("error" | "assert")) =>
            {
                errors.push(event.to_string())
            }
            "Runtime.exceptionThrown" => errors.push(event.to_string()),
            "Log.entryAdded" if event["params"]["entry"]["level"] == "error" => {
                errors.push(event.to_string())
            }
            _ => {}
        }
    }
    assert_eq!(
        requests,
        vec![page_url.clone()],
        "only the report file itself is loaded"
    );
    assert!(errors.is_empty(), "console errors: {errors:#?}");
}
