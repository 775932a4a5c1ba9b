package webhook_test

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/woonexo/woonexo/woocommerce/webhook"
)

func TestVerifyRealDeliveries(t *testing.T) {
	t.Parallel()
	signed := 0
	for _, rec := range realDeliveries(t) {
		sig := rec.Header.Get(webhook.HeaderSignature)
		if sig == "" {
			_, ping := webhook.IsPing(rec.Header, rec.Body)
			require.True(t, ping, "%s: only the ping is unsigned", rec.Name)
			continue
		}
		signed++
		t.Run(rec.Name, func(t *testing.T) {
			t.Parallel()
			require.NoError(t, webhook.Verify(rec.Body, sig, realSecret))
			assert.Equal(t, sig, webhook.Sign(rec.Body, realSecret), "Sign must compute what WooCommerce sends")
			assert.ErrorIs(t, webhook.Verify(rec.Body, sig, "another-secret"), webhook.ErrInvalidSignature)
		})
	}
	require.Equal(t, 4, signed)
}

func TestVerifyRejects(t *testing.T) {
	t.Parallel()
	rec := realDeliveries(t)[1] // 012-product.created
	body, sig := rec.Body, rec.Header.Get(webhook.HeaderSignature)
	require.NoError(t, webhook.Verify(body, sig, realSecret))

	htmlEscaped, err := json.Marshal(json.RawMessage(body)) // Go escapes <, > and & as \u003c...
	require.NoError(t, err)
	require.NotEqual(t, body, htmlEscaped)
	var v any
	require.NoError(t, json.Unmarshal(body, &v))
	remarshalled, err := json.Marshal(v) // Go's encoding: "/" unescaped, keys sorted
	require.NoError(t, err)

	mac := hmac.New(sha256.New, []byte(realSecret))
	mac.Write(body)
	sum := mac.Sum(nil)
	std := base64.StdEncoding.EncodeToString(sum)
	require.Equal(t, sig, std)
	var flipped = append([]byte(nil), sum...)
	flipped[0] ^= 1

	tests := []struct {
		name    string
		body    []byte
		sig     string
		secrets []string
		want    error
	}{
		{"missing signature", body, "", []string{realSecret}, webhook.ErrNotSigned},
		{"blank signature", body, "  ", []string{realSecret}, webhook.ErrNotSigned},
		{"forged: signature of another body", body, webhook.Sign([]byte(`{"id":11}`), realSecret), []string{realSecret}, webhook.ErrInvalidSignature},
		{"forged: one bit of the MAC flipped", body, base64.StdEncoding.EncodeToString(flipped), []string{realSecret}, webhook.ErrInvalidSignature},
		{"truncated signature", body, sig[:len(sig)-2], []string{realSecret}, webhook.ErrInvalidSignature},
		{"truncated to half", body, sig[:22], []string{realSecret}, webhook.ErrInvalidSignature},
		{"non-canonical base64 (padding bits set)", body, sig[:len(sig)-2] + string(nextPad(sig[len(sig)-2])) + "=", []string{realSecret}, webhook.ErrInvalidSignature},
		{"unpadded base64", body, base64.RawStdEncoding.EncodeToString(sum), []string{realSecret}, webhook.ErrInvalidSignature},
		{"44 characters without padding", body, base64.RawStdEncoding.EncodeToString(append(sum, 0)), []string{realSecret}, webhook.ErrInvalidSignature},
		{"url-safe base64", body, strings.NewReplacer("+", "-", "/", "_").Replace(std) + "x", []string{realSecret}, webhook.ErrInvalidSignature},
		{"hex instead of base64", body, hex.EncodeToString(sum), []string{realSecret}, webhook.ErrInvalidSignature},
		{"not base64 at all", body, strings.Repeat("!", len(sig)), []string{realSecret}, webhook.ErrInvalidSignature},
		{"body re-encoded by Go (HTML escaping)", htmlEscaped, sig, []string{realSecret}, webhook.ErrInvalidSignature},
		{"re-marshalled body", remarshalled, sig, []string{realSecret}, webhook.ErrInvalidSignature},
		{"body with trailing newline", append(append([]byte(nil), body...), '\n'), sig, []string{realSecret}, webhook.ErrInvalidSignature},
		{"truncated body", body[:len(body)-1], sig, []string{realSecret}, webhook.ErrInvalidSignature},
		{"empty body", nil, sig, []string{realSecret}, webhook.ErrInvalidSignature},
		{"wrong secret", body, sig, []string{"realwoo-webhook-secreT"}, webhook.ErrInvalidSignature},
		{"secret with a trailing space", body, sig, []string{realSecret + " "}, webhook.ErrInvalidSignature},
		{"no secret", body, sig, nil, webhook.ErrNoSecret},
		{"only empty secrets", body, sig, []string{"", ""}, webhook.ErrNoSecret},
		{"surrounding whitespace is tolerated", body, " " + sig + "\t", []string{realSecret}, nil},
		{"empty secrets are skipped", body, sig, []string{"", realSecret}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err := webhook.Verify(tt.body, tt.sig, tt.secrets...)
			if tt.want == nil {
				require.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, tt.want)
		})
	}
}

// nextPad returns the base64 character that differs from c only in the two
// low bits the last character of a 32-byte MAC does not use.
func nextPad(c byte) byte {
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
	i := strings.IndexByte(alphabet, c)
	return alphabet[i^1]
}

// Every single-byte change anywhere in the body must be caught.
func TestVerifyOneByteChanged(t *testing.T) {
	t.Parallel()
	rec := realDeliveries(t)[4] // 030-order.created
	body, sig := rec.Body, rec.Header.Get(webhook.HeaderSignature)
	require.NoError(t, webhook.Verify(body, sig, realSecret))
	for i := range body {
		changed := bytes.Clone(body)
		changed[i]++
		require.ErrorIs(t, webhook.Verify(changed, sig, realSecret), webhook.ErrInvalidSignature, "byte %d changed", i)
	}
}

func TestVerifyRotation(t *testing.T) {
	t.Parallel()
	body := []byte(`{"id":1}`)
	tests := []struct {
		name     string
		signedBy string
		accept   []string
		ok       bool
	}{
		{"new secret", "new", []string{"new", "old"}, true},
		{"old secret during rotation", "old", []string{"new", "old"}, true},
		{"old secret after rotation", "old", []string{"new"}, false},
		{"unknown secret", "other", []string{"new", "old"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err := webhook.Verify(body, webhook.Sign(body, tt.signedBy), tt.accept...)
			if tt.ok {
				require.NoError(t, err)
			} else {
				require.ErrorIs(t, err, webhook.ErrInvalidSignature)
			}
		})
	}
}

// The errors name the failure and nothing else: neither the secret nor the
// signature that was expected.
func TestVerifyErrorsRevealNothing(t *testing.T) {
	t.Parallel()
	body := []byte(`{"id":1}`)
	expected := webhook.Sign(body, realSecret)
	for _, sig := range []string{"", webhook.Sign(body, "x"), "short", expected[:40]} {
		err := webhook.Verify(body, sig, realSecret)
		require.Error(t, err)
		assert.NotContains(t, err.Error(), realSecret)
		assert.NotContains(t, err.Error(), expected)
		assert.NotContains(t, err.Error(), expected[:12])
	}
}
