package webhook_test

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"sync/atomic"
	"testing"

	"github.com/woonexo/woonexo/internal/benchcpu"
	"github.com/woonexo/woonexo/woocommerce"
	"github.com/woonexo/woonexo/woocommerce/webhook"
)

// benchDelivery is the ~5 KB product.updated delivery of testdata.
func benchDelivery(b *testing.B) (http.Header, []byte) {
	b.Helper()
	body, err := os.ReadFile(filepath.Join("testdata", "payloads", "product.updated.json"))
	if err != nil {
		b.Fatal(err)
	}
	r := webhook.NewTestRequest(webhook.TopicProductUpdated, body, realSecret)
	return r.Header, body
}

// BenchmarkVerifyParse is what this package does per delivery: verify the
// signature, parse the headers and envelope, decode the product.
func BenchmarkVerifyParse(b *testing.B) {
	h, body := benchDelivery(b)
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	cpu := benchcpu.Start()
	for b.Loop() {
		if err := webhook.Verify(body, h.Get(webhook.HeaderSignature), realSecret); err != nil {
			b.Fatal(err)
		}
		e, err := webhook.ParseHeaders(h, body)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := e.Product(); err != nil {
			b.Fatal(err)
		}
	}
	cpu.Report(b)
}

// BenchmarkFloor is the least any receiver must do: HMAC-SHA256 of the body
// compared with the decoded signature, and json.Unmarshal of the same body
// into the same type.
func BenchmarkFloor(b *testing.B) {
	h, body := benchDelivery(b)
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	cpu := benchcpu.Start()
	for b.Loop() {
		want, err := base64.StdEncoding.DecodeString(h.Get(webhook.HeaderSignature))
		if err != nil {
			b.Fatal(err)
		}
		mac := hmac.New(sha256.New, []byte(realSecret))
		mac.Write(body)
		if !hmac.Equal(mac.Sum(nil), want) {
			b.Fatal("signature")
		}
		var p woocommerce.Product
		if err := json.Unmarshal(body, &p); err != nil {
			b.Fatal(err)
		}
	}
	cpu.Report(b)
}

// BenchmarkHandler is a whole request through the Handler (body read,
// verification, parse, in-memory de-duplication, dispatch, response), each
// delivery distinct.
func BenchmarkHandler(b *testing.B) {
	h, body := benchDelivery(b)
	hd, err := webhook.NewHandler(realSecret)
	if err != nil {
		b.Fatal(err)
	}
	hd.On(webhook.TopicProductUpdated, func(_ context.Context, e *webhook.Event) error {
		_, err := e.Product()
		return err
	})
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	cpu := benchcpu.Start()
	for b.Loop() {
		r := httptest.NewRequest(http.MethodPost, "/webhook", bytes.NewReader(body))
		r.Header = h.Clone()
		r.Header.Set(webhook.HeaderDeliveryID, strconv.Itoa(b.N)+"-"+strconv.FormatInt(seq.Add(1), 10))
		w := httptest.NewRecorder()
		hd.ServeHTTP(w, r)
		if w.Code != http.StatusOK {
			b.Fatal(w.Code, w.Body.String())
		}
	}
	cpu.Report(b)
}

var seq atomic.Int64
