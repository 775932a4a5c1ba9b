package nexopos

import (
	"errors"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestNewClientURLErrorsHideSecrets checks that a base URL NewClient
// refuses is never repeated whole: user info and query may hold a password
// or a token.
func TestNewClientURLErrorsHideSecrets(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		url    string
		hidden []string
		want   []string // substrings of the error
	}{
		{"unparsable with user info", "http://fakeuser:fake_password@[::1", []string{"fakeuser", "fake_password"}, []string{"not a valid URL", "missing ']' in host"}},
		{"credentials taken for a port", "http://fakeuser:fake_password_0123/", []string{"fakeuser", "fake_password_0123"}, []string{"not a valid URL", "invalid port"}},
		{"bad escape with a secret query", "https://pos%zz.example/?consumer_secret=cs_fake_secret_0123", []string{"cs_fake_secret_0123", "%zz"}, []string{"invalid URL escape"}},
		{"bad scheme with credentials and token", "ftp://fakeuser:fake_password@pos.example/pos?token=7|faketoken0123", []string{"fakeuser", "fake_password", "faketoken0123"}, []string{"ftp://pos.example/pos", "absolute http(s) URL"}},
		{"no host with a token", "https:///pos?token=7|faketoken0123#fake_fragment", []string{"faketoken0123", "fake_fragment"}, []string{"absolute http(s) URL"}},
		{"relative with a secret query", "pos.example/?secret=fake_secret_0123", []string{"fake_secret_0123"}, []string{"pos.example", "absolute http(s) URL"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, err := NewClient(tc.url, WithToken(testToken))
			require.Error(t, err)
			assert.Nil(t, c)
			msg := err.Error()
			assert.True(t, strings.HasPrefix(msg, "nexopos: new client: "), "the error names the operation")
			for _, h := range append(tc.hidden, testToken) {
				assert.NotContains(t, msg, h)
			}
			for _, w := range tc.want {
				assert.Contains(t, msg, w)
			}
			var ue *url.Error
			assert.False(t, errors.As(err, &ue), "a *url.Error repeats the URL whole")
		})
	}
}
