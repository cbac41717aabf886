package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// stdinName is how standard input ("-") is named in messages and in the
// ledger's import records.
const stdinName = "<stdin>"

// inputWait is how long import waits for the first bytes of standard
// input or of a FIFO before it gives up: a FIFO nothing writes to would
// otherwise hang the import silently.
const inputWait = 30 * time.Second

// input is a file argument of import made ready to read: a regular file is
// read where it is; standard input ("-") and a FIFO (such as <(cmd)) are
// copied into a private temporary file first, because an import reads a
// file twice (the dates' first pass) and needs its size. A device or a
// socket is refused: it is not an export.
type input struct {
	arg  string // as given on the command line
	path string // the file to read: arg, or the copy
	dir  string // the copy's temporary directory, "" when none
	err  error  // why it cannot be read: the file is refused
}

// openInputs readies every argument. A file that cannot be read carries
// its error; the command line as a whole is refused only for a usage
// error, with nothing left behind.
func openInputs(ctx context.Context, e *env, args []string, wait time.Duration) ([]input, error) {
	var ins []input
	stdin := 0
	for _, a := range args {
		if a == "-" {
			if stdin++; stdin > 1 {
				return nil, withHint(usagef("- (standard input) can be read only once"), "creatorledger import - < FILE")
			}
		}
	}
	for _, a := range args {
		in, err := openInput(ctx, e, a, wait)
		var u usageError
		if errors.As(err, &u) {
			removeInputs(ins)
			return nil, err
		}
		in.err = err
		ins = append(ins, in)
	}
	return ins, nil
}

func removeInputs(ins []input) {
	for _, in := range ins {
		if in.dir != "" {
			os.RemoveAll(in.dir)
		}
	}
}

// openInput readies one argument. A file that cannot be read as it is
// (missing, a directory) is left to importFile, which says why.
func openInput(ctx context.Context, e *env, arg string, wait time.Duration) (input, error) {
	in := input{arg: arg, path: arg}
	if arg == "-" {
		if f, ok := e.stdin.(*os.File); ok {
			if st, err := f.Stat(); err == nil && st.Mode()&fs.ModeCharDevice != 0 {
				return in, withHint(usagef("- reads standard input, which is a terminal here"), "creatorledger import - < FILE   (or: some-command | creatorledger import -)")
			}
		}
		return spool(ctx, e, in, stdinName, func() (io.Reader, error) { return e.stdin, nil }, wait)
	}
	st, err := os.Stat(arg)
	if err != nil {
		return in, nil
	}
	switch m := st.Mode(); {
	case m&fs.ModeNamedPipe != 0:
		return spool(ctx, e, in, filepath.Base(arg), func() (io.Reader, error) { return os.Open(arg) }, wait)
	case m&fs.ModeDevice != 0 || m&fs.ModeCharDevice != 0:
		return in, errors.New("a device, not a file: import reads exported files (or - for standard input)")
	case m&fs.ModeSocket != 0 || m&fs.ModeIrregular != 0:
		return in, errors.New("not a file: import reads exported files (or - for standard input)")
	}
	return in, nil
}

// errNoData is a FIFO or standard input that gave nothing within the wait.
var errNoData = errors.New("no data")

// spool copies what open returns into a file named name in a new private
// temporary directory. When nothing arrives within wait (a FIFO that no
// program opens, or one that never writes), it gives up with errNoData.
func spool(ctx context.Context, e *env, in input, name string, open func() (io.Reader, error), wait time.Duration) (input, error) {
	dir, err := os.MkdirTemp("", "creatorledger-input-")
	if err != nil {
		return in, err
	}
	out, err := os.OpenFile(filepath.Join(dir, name), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		os.RemoveAll(dir)
		return in, err
	}
	started := make(chan struct{})
	done := make(chan error, 1)
	var src io.Reader
	opened := make(chan struct{})
	go func() {
		r, err := open()
		src = r
		close(opened)
		if err != nil {
			done <- err
			return
		}
		if c, ok := r.(io.Closer); ok && in.arg != "-" {
			defer c.Close()
		}
		buf := make([]byte, 64<<10)
		first := true
		for {
			n, err := r.Read(buf)
			if n > 0 {
				if first {
					close(started)
					first = false
				}
				if _, werr := out.Write(buf[:n]); werr != nil {
					done <- werr
					return
				}
			}
			if err == io.EOF {
				done <- nil
				return
			}
			if err != nil {
				done <- err
				return
			}
		}
	}()
	fail := func(err error) (input, error) {
		// Let go of a FIFO the copy still waits on: open it for writing
		// (which ends a wait in open), and end a wait in read.
		select {
		case <-opened:
			if f, ok := src.(*os.File); ok && in.arg != "-" {
				f.SetReadDeadline(time.Now())
			}
		default:
			if w, err := os.OpenFile(in.arg, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
				w.Close()
			}
		}
		out.Close()
		os.RemoveAll(dir)
		return in, err
	}
	timeout := time.NewTimer(wait)
	defer timeout.Stop()
	notice := time.NewTimer(min(time.Second, wait/2))
	defer notice.Stop()
	for waiting := true; waiting; {
		select {
		case err := <-done:
			if err != nil {
				return fail(err)
			}
			waiting = false
			done <- nil
		case <-started:
			waiting = false
		case <-notice.C:
			fmt.Fprintf(e.stderr, "creatorledger: waiting for %s to be written (up to %s)...\n", printable(in.arg), wait)
		case <-timeout.C:
			return fail(fmt.Errorf("%w within %s: is anything writing to it?", errNoData, wait))
		case <-ctx.Done():
			return fail(ctx.Err())
		}
	}
	select {
	case err := <-done:
		if err != nil {
			return fail(err)
		}
	case <-ctx.Done():
		return fail(ctx.Err())
	}
	if err := out.Close(); err != nil {
		os.RemoveAll(dir)
		return in, err
	}
	in.path, in.dir = filepath.Join(dir, name), dir
	return in, nil
}

// restore puts the argument back where an error's hint names the copy.
func (in input) restore(err error) error {
	var h hinted
	if in.dir == "" || !errors.As(err, &h) {
		return err
	}
	return hinted{err: err, hint: strings.ReplaceAll(h.hint, in.path, in.arg)}
}
