package main

import (
	"context"
	"errors"
	"flag"
	"io"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestHelpHidesSecretDefaults checks that -h, which shows each flag's
// default as read from the environment, never shows a secret: the password
// of a store DSN (URL or MySQL form), credentials or secret query values
// of a URL, the consumer key, or the secrets read from the environment.
func TestHelpHidesSecretDefaults(t *testing.T) {
	t.Parallel()
	secrets := map[string]string{
		"WOONEXO_CONSUMER_SECRET": "cs_fake_help_secret_0123",
		"WOONEXO_NEXOPOS_TOKEN":   "7|fake_help_token_0123",
		"WOONEXO_WEBHOOK_SECRET":  "fake_help_whsec_0123",
		"WOONEXO_CONSUMER_KEY":    "ck_fake_help_key_0123",
		"WOONEXO_STORE_URL":       "https://fakeadmin:fake_store_pass_0123@shop.example/?consumer_secret=cs_fake_q_0123",
		"WOONEXO_NEXOPOS_URL":     "https://pos.example/?token=fake_url_token_0123",
		"WOONEXO_PUBLIC_URL":      "https://hook:fake_public_pass_0123@bridge.example/",
	}
	tests := []struct {
		name   string
		dsn    string
		hidden []string
		shown  []string // what of the DSN -h still shows
	}{
		{"postgres URL", "postgres://woonexo:fake_pg_pass_0123@db.example:5432/woonexo?sslmode=require",
			[]string{"fake_pg_pass_0123"}, []string{"postgres://woonexo:", "db.example:5432/woonexo", "sslmode=require"}},
		{"postgres password parameter", "postgresql://woonexo@db.example/woonexo?password=fake_pg_qpass_0123&sslmode=disable",
			[]string{"fake_pg_qpass_0123"}, []string{"db.example/woonexo", "sslmode=disable"}},
		{"mysql form", "mysql://woonexo:fake_my_pass_0123@tcp(db.example:3306)/woonexo?parseTime=true",
			[]string{"fake_my_pass_0123"}, []string{"mysql://woonexo:", "tcp(db.example:3306)/woonexo"}},
		{"mysql password with @ and /", "mysql://woonexo:fake@my/pass_0123@tcp(db.example:3306)/woonexo",
			[]string{"fake@my/pass_0123", "pass_0123", "fake@my"}, []string{"tcp(db.example:3306)/woonexo"}},
		{"unparsable postgres URL", "postgres://woonexo:fake_pg%zz_0123@[db/woonexo",
			[]string{"fake_pg%zz_0123", "fake_pg"}, []string{"postgres://"}},
		{"key=value DSN", "host=db.example user=woonexo password=fake_kv_pass_0123",
			[]string{"fake_kv_pass_0123"}, nil},
		{"sqlite", "sqlite:///var/lib/woonexo/links.db", nil, []string{"sqlite:///var/lib/woonexo/links.db"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			env := map[string]string{"WOONEXO_STORE_DSN": tc.dsn}
			for k, v := range secrets {
				env[k] = v
			}
			for _, args := range [][]string{{"-h"}, {"-help"}, {"-no-such-flag"}} {
				var out strings.Builder
				_, err := parseConfig(args, func(k string) string { return env[k] }, &out)
				require.Error(t, err)
				if args[0] != "-no-such-flag" {
					require.True(t, errors.Is(err, flag.ErrHelp), "%s asks for the usage", args[0])
				}
				usage := out.String()
				require.Contains(t, usage, "-store", "the usage was printed")
				for _, h := range tc.hidden {
					assert.NotContains(t, usage, h, "DSN secret in %s output", args[0])
					assert.NotContains(t, err.Error(), h)
				}
				for name, s := range secrets {
					assert.NotContains(t, usage, s, "%s in %s output", name, args[0])
				}
				for _, secretPart := range []string{"fake_store_pass_0123", "cs_fake_q_0123", "fake_url_token_0123", "fake_public_pass_0123", "fakeadmin:"} {
					assert.NotContains(t, usage, secretPart, "URL secret in %s output", args[0])
				}
				for _, s := range tc.shown {
					assert.Contains(t, usage, s, "the harmless part of the DSN is still shown")
				}
				assert.Contains(t, usage, "shop.example", "the store URL default is still shown, without its secrets")
			}
		})
	}
}

// TestRunHelpHidesSecretDefaults checks the same through run, the way
// main calls it.
func TestRunHelpHidesSecretDefaults(t *testing.T) {
	t.Parallel()
	const pass = "fake_run_pass_0123"
	env := map[string]string{"WOONEXO_STORE_DSN": "postgres://woonexo:" + pass + "@db.example/woonexo"}
	var out strings.Builder
	require.NoError(t, run(context.Background(), []string{"-h"}, func(k string) string { return env[k] }, &out))
	assert.Contains(t, out.String(), "WOONEXO_STORE_DSN")
	assert.Contains(t, out.String(), "db.example/woonexo")
	assert.NotContains(t, out.String(), pass)
}

// TestHelpDefaultsDoNotChangeValues checks that hiding a default from -h
// leaves the value the bridge uses untouched.
func TestHelpDefaultsDoNotChangeValues(t *testing.T) {
	t.Parallel()
	s := newShop(t)
	dsn := "sqlite:" + t.TempDir() + "/links.db?_pragma=busy_timeout(5000)"
	s.env["WOONEXO_STORE_DSN"] = dsn
	cfg, err := parseConfig(nil, s.getenv, io.Discard)
	require.NoError(t, err)
	assert.Equal(t, dsn, cfg.StoreDSN)
	assert.Equal(t, s.env["WOONEXO_CONSUMER_KEY"], cfg.ConsumerKey)
	assert.Equal(t, s.env["WOONEXO_STORE_URL"], cfg.StoreURL)
}
