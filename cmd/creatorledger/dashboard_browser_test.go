package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"html"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The probe: two scripts the test adds to a copy of the dashboard (the
// page itself has none, and its Content-Security-Policy lets through only
// these two, by hash). The first, at the top of <head>, records errors and
// policy violations; the second, at the end of <body>, opens the <details>,
// measures the page and every chart, and leaves the result in the
// <html data-probe> of the page around it, which chromium --dump-dom
// prints. That page holds the dashboard in an iframe exactly as wide as
// the width under test: headless chromium's window is never narrower than
// 500 px (its screenshots are, and are taken of the dashboard itself).
const (
	probeHooks = `window.__errors=[];` +
		`addEventListener('error',function(e){__errors.push('error: '+e.message)});` +
		`addEventListener('securitypolicyviolation',function(e){__errors.push('blocked: '+e.violatedDirective+' '+e.blockedURI)});` +
		`var __ce=console.error;console.error=function(){__errors.push('console.error: '+Array.prototype.join.call(arguments,' '));__ce.apply(console,arguments)};`
	probeMeasure = `(function(){` +
		`document.querySelectorAll('details').forEach(function(d){d.open=true});` +
		`var r={errors:__errors,innerWidth:innerWidth,scrollWidth:document.documentElement.scrollWidth,height:document.documentElement.scrollHeight,charts:[],figures:[],sticking:[]};` +
		`document.querySelectorAll('svg.chart,svg.bar').forEach(function(s){var b=s.getBoundingClientRect(),n=0;` +
		`s.querySelectorAll('rect,circle').forEach(function(m){var c=m.getBoundingClientRect();if(c.width>0&&c.height>0)n++});` +
		`r.charts.push({id:s.id,w:b.width,h:b.height,marks:n})});` +
		`document.querySelectorAll('figure').forEach(function(f){var v=0;f.querySelectorAll('svg.chart').forEach(function(s){if(s.getBoundingClientRect().width>0)v++});r.figures.push(v)});` +
		`document.querySelectorAll('body *').forEach(function(e){var b=e.getBoundingClientRect();` +
		`if(b.right>innerWidth+0.5&&!(e.parentElement&&e.parentElement.closest('.scroll')))r.sticking.push(e.tagName+'#'+e.id+'.'+e.getAttribute('class'))});` +
		`parent.document.documentElement.setAttribute('data-probe',JSON.stringify(r))})();`
)

type probeResult struct {
	Errors      []string
	InnerWidth  float64
	ScrollWidth float64
	Height      float64
	Charts      []struct {
		ID    string
		W, H  float64
		Marks int
	}
	Figures  []int
	Sticking []string
}

func scriptHash(s string) string {
	h := sha256.Sum256([]byte(s))
	return "'sha256-" + base64.StdEncoding.EncodeToString(h[:]) + "'"
}

// withProbe is the page with the probe's scripts, allowed by their hashes.
func withProbe(t *testing.T, page string) string {
	t.Helper()
	const csp = `content="default-src 'none';`
	if !strings.Contains(page, csp) || !strings.Contains(page, "<head>") || !strings.Contains(page, "</body>") {
		t.Fatal("the page lacks its Content-Security-Policy, <head> or </body>")
	}
	page = strings.Replace(page, csp, csp+" script-src "+scriptHash(probeHooks)+" "+scriptHash(probeMeasure)+";", 1)
	page = strings.Replace(page, "<head>", "<head><script>"+probeHooks+"</script>", 1)
	return strings.Replace(page, "</body>", "<script>"+probeMeasure+"</script></body>", 1)
}

// framed is a page that shows page in an iframe width px wide.
func framed(page string, width int) string {
	w := strconv.Itoa(width)
	return `<!DOCTYPE html><html><head><meta charset="utf-8"><style>body{margin:0}iframe{border:0;display:block;width:` + w +
		`px;height:2000px}</style></head><body><iframe srcdoc="` + html.EscapeString(page) + `"></iframe></body></html>`
}

// chromium runs Debian's chromium headless on a file, without network.
func chromium(t *testing.T, bin string, args ...string) (stdout, stderr string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	base := []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run",
		"--disable-extensions", "--hide-scrollbars", "--user-data-dir=" + t.TempDir(), "--enable-logging=stderr", "--v=0"}
	cmd := exec.CommandContext(ctx, bin, append(base, args...)...)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		t.Fatalf("chromium %s: %v\n%s", strings.Join(args, " "), err, errOut.String())
	}
	return out.String(), errOut.String()
}

// consoleLines are what the page wrote to the browser's console (chromium
// logs it as CONSOLE on stderr): the page has no script, so any line is an
// error of the browser's (a blocked fetch, a bad attribute).
func consoleLines(stderr string) []string {
	var out []string
	for _, l := range strings.Split(stderr, "\n") {
		if strings.Contains(l, ":CONSOLE") {
			out = append(out, l)
		}
	}
	return out
}

// The demo's dashboard in a real browser, at a phone's width and a
// desktop's: no console error, no blank chart, nothing wider than the
// window. The screenshots stay in bin/dashboard/ for people to look at.
// CI installs Debian's chromium (.ci/run); without it the test skips.
func TestDashboardInBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: no browser")
	}
	bin := ""
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			bin = p
			break
		}
	}
	if bin == "" {
		t.Skip("chromium is not installed (apt-get install chromium; .ci/run does): the dashboard is not checked in a browser")
	}
	_, page := demoDashboard(t)
	dir := t.TempDir()
	original := filepath.Join(dir, "dashboard.html")
	if err := os.WriteFile(original, []byte(page), 0o600); err != nil {
		t.Fatal(err)
	}
	probe := withProbe(t, page)
	shots, err := filepath.Abs(filepath.Join("..", "..", "bin", "dashboard"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(shots, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, width := range []int{360, 1280} {
		w := strconv.Itoa(width)
		probed := filepath.Join(dir, "probe-"+w+".html")
		if err := os.WriteFile(probed, []byte(framed(probe, width)), 0o600); err != nil {
			t.Fatal(err)
		}
		dom, stderr := chromium(t, bin, "--window-size="+strconv.Itoa(max(width, 500)+20)+",2100", "--dump-dom", "file://"+probed)
		if lines := consoleLines(stderr); len(lines) > 0 {
			t.Errorf("%d px: the console says:\n%s", width, strings.Join(lines, "\n"))
		}
		m := regexp.MustCompile(`data-probe="([^"]*)"`).FindStringSubmatch(dom)
		if m == nil {
			t.Fatalf("%d px: the probe left no result (did its script run?)", width)
		}
		var r probeResult
		if err := json.Unmarshal([]byte(html.UnescapeString(m[1])), &r); err != nil {
			t.Fatalf("%d px: %v", width, err)
		}
		if len(r.Errors) > 0 {
			t.Errorf("%d px: errors: %q", width, r.Errors)
		}
		if r.InnerWidth != float64(width) || r.ScrollWidth > r.InnerWidth {
			t.Errorf("%d px: the page is %v px wide in a %v px window", width, r.ScrollWidth, r.InnerWidth)
		}
		if len(r.Sticking) > 0 {
			t.Errorf("%d px: sticking out of the window: %q", width, r.Sticking)
		}
		shown := 0
		for _, c := range r.Charts {
			if c.W == 0 {
				continue // the other width's version of a chart
			}
			shown++
			if c.H < 5 || c.Marks == 0 || c.W < float64(width)/4 {
				t.Errorf("%d px: chart %s is %vx%v px with %d marks", width, c.ID, c.W, c.H, c.Marks)
			}
		}
		for i, n := range r.Figures {
			if n != 1 {
				t.Errorf("%d px: figure %d shows %d charts, want 1", width, i+1, n)
			}
		}
		if shown < 5 {
			t.Errorf("%d px: %d charts shown", width, shown)
		}

		shot := filepath.Join(shots, "dashboard-"+w+".png")
		height := strconv.Itoa(min(int(r.Height)+20, 16000))
		_, stderr = chromium(t, bin, "--window-size="+w+","+height, "--screenshot="+shot, "file://"+original)
		if lines := consoleLines(stderr); len(lines) > 0 {
			t.Errorf("%d px: the console says:\n%s", width, strings.Join(lines, "\n"))
		}
		checkScreenshot(t, shot, width)
		t.Logf("%d px: %d charts, page %v px high; screenshot %s", width, shown, r.Height, shot)
	}
}

// checkScreenshot fails on a screenshot of the wrong width or a blank one.
func checkScreenshot(t *testing.T, path string, width int) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	b := img.Bounds()
	if b.Dx() != width {
		t.Errorf("screenshot %s is %d px wide, want %d", path, b.Dx(), width)
	}
	coloured := 0
	for y := b.Min.Y; y < b.Max.Y; y += 4 {
		for x := b.Min.X; x < b.Max.X; x += 4 {
			r, g, bl, _ := img.At(x, y).RGBA()
			if max(r, g, bl)-min(r, g, bl) > 0x3000 {
				coloured++
			}
		}
	}
	if coloured < 500 {
		t.Errorf("screenshot %s has %d coloured samples: blank charts?", path, coloured)
	}
}
