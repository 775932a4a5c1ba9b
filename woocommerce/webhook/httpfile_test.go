package webhook_test

import (
	"bytes"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/textproto"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// realSecret is the secret of the webhooks that recorded testdata/real.
const realSecret = "realwoo-webhook-secret"

// recorded is one request read from a .http file: what crossed the wire.
type recorded struct {
	Name   string
	Method string
	Target string
	Header http.Header
	Body   []byte
}

// Request returns the recorded request as a server would receive it.
func (rec recorded) Request() *http.Request {
	r := httptest.NewRequest(rec.Method, rec.Target, bytes.NewReader(rec.Body))
	for k, v := range rec.Header {
		r.Header[k] = append([]string(nil), v...)
	}
	return r
}

// parseHTTPFile parses a recorded request: request line, headers, a blank
// line, and the body, which is kept byte for byte (Content-Length checked).
func parseHTTPFile(data []byte) (recorded, error) {
	var rec recorded
	sep, nl := []byte("\r\n\r\n"), "\r\n"
	i := bytes.Index(data, sep)
	if i < 0 {
		sep, nl = []byte("\n\n"), "\n"
		if i = bytes.Index(data, sep); i < 0 {
			return rec, fmt.Errorf("no blank line after the headers")
		}
	}
	head, body := string(data[:i]), data[i+len(sep):]
	lines := strings.Split(head, nl)
	parts := strings.Fields(lines[0])
	if len(parts) != 3 || !strings.HasPrefix(parts[2], "HTTP/") {
		return rec, fmt.Errorf("bad request line %q", lines[0])
	}
	rec.Method, rec.Target = parts[0], parts[1]
	rec.Header = http.Header{}
	for _, line := range lines[1:] {
		name, value, ok := strings.Cut(line, ":")
		if !ok {
			return rec, fmt.Errorf("bad header line %q", line)
		}
		rec.Header.Add(textproto.TrimString(name), textproto.TrimString(value))
	}
	if cl := rec.Header.Get("Content-Length"); cl != "" {
		n, err := strconv.Atoi(cl)
		if err != nil || n != len(body) {
			return rec, fmt.Errorf("Content-Length %q but body has %d bytes", cl, len(body))
		}
	}
	rec.Body = body
	return rec, nil
}

// realDeliveries loads every request in testdata/real, in file order.
func realDeliveries(t testing.TB) []recorded {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", "real", "*.http"))
	require.NoError(t, err)
	require.Len(t, files, 5, "testdata/real holds the 5 recorded deliveries")
	out := make([]recorded, 0, len(files))
	for _, f := range files {
		data, err := os.ReadFile(f)
		require.NoError(t, err)
		rec, err := parseHTTPFile(data)
		require.NoError(t, err, f)
		rec.Name = filepath.Base(f)
		out = append(out, rec)
	}
	return out
}

func TestParseHTTPFile(t *testing.T) {
	t.Parallel()
	rec, err := parseHTTPFile([]byte("POST /hook HTTP/1.1\r\nX-A: 1\r\nContent-Length: 4\r\n\r\nab\r\n"))
	require.NoError(t, err)
	require.Equal(t, "POST", rec.Method)
	require.Equal(t, "/hook", rec.Target)
	require.Equal(t, "1", rec.Header.Get("X-A"))
	require.Equal(t, []byte("ab\r\n"), rec.Body)

	_, err = parseHTTPFile([]byte("POST /hook HTTP/1.1\r\nContent-Length: 9\r\n\r\nab"))
	require.Error(t, err, "a short body must be noticed")
	_, err = parseHTTPFile([]byte("POST /hook\r\n\r\n"))
	require.Error(t, err)
}
