package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A network that creatorledger does not know, as a creator would write its
// profile once (docs/profiles.md).
const koopjesProfile = `source      koopjes-affiliate
title       Koopjes.nl affiliate commissions (my own profile)
confidence  seen-file
header      Datum,Bestelling,Commissie,Status
delimiter   ;
decimal     ,
date-format dd-mm-yyyy

set platform koopjes
set program  affiliate
set currency EUR

map date        Datum
map external-id Bestelling
map amount      Commissie
map status      Status
value status Goedgekeurd = approved
value status Open        = pending
`

// TestUserProfiles: a profile in $XDG_CONFIG_HOME/creatorledger/profiles
// takes part in detection like the built-in ones and is listed by sources
// as user; a broken one is named, with a hint.
func TestUserProfiles(t *testing.T) {
	cfg := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", cfg)
	dir := filepath.Join(cfg, "creatorledger", "profiles")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	export := filepath.Join(t.TempDir(), "koopjes-oktober.csv")
	if err := os.WriteFile(export, []byte("Datum;Bestelling;Commissie;Status\r\n03-10-2026;K-1001;4,50;Goedgekeurd\r\n17-10-2026;K-1002;12,95;Open\r\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	l := newLedger(t)
	// Without the profile the file is not recognised.
	if _, errOut, code := l.run("import", export); code != 1 || !strings.Contains(errOut, "matches no source") {
		t.Fatalf("without a profile: exit %d, %s", code, errOut)
	}
	if err := os.WriteFile(filepath.Join(dir, "koopjes.profile"), []byte(koopjesProfile), 0o600); err != nil {
		t.Fatal(err)
	}
	if out := l.ok("import", export); !strings.Contains(out, "koopjes-oktober.csv (koopjes-affiliate): import 1: 2 rows: 2 new") {
		t.Errorf("import with the profile:\n%s", out)
	}
	want := "period,platform,program,currency,amount\n2026-10,koopjes,affiliate,EUR,17.45\n"
	if got := l.ok("report", "income", "--format", "csv"); got != want {
		t.Errorf("income:\n got %s\nwant %s", got, want)
	}
	if got := l.ok("sources", "--format", "csv"); !strings.Contains(got, "\nkoopjes-affiliate,user,seen-file,") || !strings.Contains(got, "\nnative,built-in,") {
		t.Errorf("sources does not list the profile as user:\n%s", got)
	}
	l.ok("import", "--as", "koopjes-affiliate", "--dry-run", export)

	// A profile that takes a built-in source's name, or does not parse.
	for name, text := range map[string]string{
		"clash.profile":  strings.Replace(koopjesProfile, "koopjes-affiliate", "awin", 1),
		"broken.profile": "source broken\nmap amount\n",
	} {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
		_, errOut, code := l.run("import", export)
		if code == 0 || !strings.Contains(errOut, path) || !strings.Contains(errOut, "try: fix the profile") {
			t.Errorf("%s: exit %d, %s; want an error naming it, with a hint", name, code, errOut)
		}
		os.Remove(path)
	}
}
