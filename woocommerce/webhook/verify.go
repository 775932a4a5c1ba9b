package webhook

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"strings"
)

// Errors returned by [Verify]. They say that the check failed and nothing
// about the value that was expected, so they are safe to log and to send back
// in a response.
var (
	// ErrNotSigned means the delivery carries no X-WC-Webhook-Signature
	// header (or an empty one). WooCommerce signs every delivery except the
	// ping sent when a webhook is created; see [IsPing].
	ErrNotSigned = errors.New("webhook: verify signature: the request is not signed")

	// ErrInvalidSignature means the signature is not the HMAC-SHA256 of the
	// body under any of the secrets, or is not a base64 HMAC-SHA256 at all.
	ErrInvalidSignature = errors.New("webhook: verify signature: the signature does not match the body")

	// ErrNoSecret means Verify was called without a non-empty secret. An
	// empty secret would let anyone sign a delivery, so it is never used.
	ErrNoSecret = errors.New("webhook: verify signature: no secret configured")
)

// signatureLen is the length of a standard base64 encoding of a SHA-256 MAC.
var signatureLen = base64.StdEncoding.EncodedLen(sha256.Size)

// Sign returns the signature WooCommerce sends in X-WC-Webhook-Signature for
// body under secret: the standard base64 encoding of HMAC-SHA256(body, secret).
//
// WooCommerce signs the exact bytes it sends (its JSON encoding, with escaped
// slashes), so a signature is only valid for those bytes: a body that was
// decoded and encoded again does not verify.
func Sign(body []byte, secret string) string {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write(body)
	return base64.StdEncoding.EncodeToString(mac.Sum(nil))
}

// Verify checks that signature (the X-WC-Webhook-Signature header) is the
// HMAC-SHA256 of the raw request body under one of secrets. Pass the current
// secret and, while a webhook's secret is being rotated, the previous one;
// empty secrets are ignored.
//
// It returns nil on a match, [ErrNotSigned] for an empty signature,
// [ErrNoSecret] when no secret is given and [ErrInvalidSignature] otherwise.
// The comparison takes constant time with respect to the expected MAC.
//
// WooCommerce signs only the body: the X-WC-Webhook-* headers, including the
// topic and the delivery ID, are not covered by the signature, and nothing
// in a delivery says when it was sent. A captured delivery can therefore be
// replayed; the [Handler]'s de-duplication narrows, but cannot close, that
// window.
func Verify(body []byte, signature string, secrets ...string) error {
	signature = strings.TrimSpace(signature)
	if signature == "" {
		return ErrNotSigned
	}
	if len(signature) != signatureLen {
		return ErrInvalidSignature
	}
	// DecodedLen, not sha256.Size: 44 characters without padding decode to
	// 33 bytes, and Decode must have room for them.
	// Strict: the lenient decoder ignores the unused low bits of the last
	// character, so "...uCE=" and "...uCH=" would both match.
	var got [sha256.Size + 1]byte
	n, err := base64.StdEncoding.Strict().Decode(got[:], []byte(signature))
	if err != nil || n != sha256.Size {
		return ErrInvalidSignature
	}
	tried := false
	for _, secret := range secrets {
		if secret == "" {
			continue
		}
		tried = true
		mac := hmac.New(sha256.New, []byte(secret))
		mac.Write(body)
		if hmac.Equal(mac.Sum(nil), got[:sha256.Size]) {
			return nil
		}
	}
	if !tried {
		return ErrNoSecret
	}
	return ErrInvalidSignature
}
