package woocommerce

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCustomerDownloadDecode(t *testing.T) {
	t.Parallel()
	var raws []json.RawMessage
	require.NoError(t, json.Unmarshal(jsonFixture(t, "customer-downloads.json"), &raws))
	require.Len(t, raws, 2)

	d := assertRoundTrip[CustomerDownload](t, raws[0])
	assert.Equal(t, DownloadsRemaining{Unlimited: true}, d.DownloadsRemaining)
	assert.True(t, d.AccessExpires.Never())
	assert.True(t, d.AccessExpiresGMT.Never())
	assert.Equal(t, int64(14), d.ProductID)
	assert.Equal(t, int64(23), d.OrderID)
	assert.Equal(t, "Pattern PDF", d.File.Name)

	d2 := assertRoundTrip[CustomerDownload](t, raws[1])
	assert.Equal(t, DownloadsRemaining{Count: 3}, d2.DownloadsRemaining, `"3" as a string`)
	assert.False(t, d2.AccessExpires.Never())
	assert.Equal(t, time.Date(2026, 12, 26, 22, 0, 0, 0, time.UTC), d2.AccessExpiresGMT.Time.Time)
}

func TestDownloadsRemainingAndExpiry(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]DownloadsRemaining{
		`"unlimited"`: {Unlimited: true}, `""`: {Unlimited: true}, `null`: {Unlimited: true},
		`0`: {Count: 0}, `5`: {Count: 5}, `"7"`: {Count: 7},
	} {
		var d DownloadsRemaining
		require.NoError(t, json.Unmarshal([]byte(in), &d), in)
		assert.Equal(t, want, d, in)
	}
	var d DownloadsRemaining
	assert.Error(t, json.Unmarshal([]byte(`"soon"`), &d))

	b, err := json.Marshal(DownloadsRemaining{Unlimited: true})
	require.NoError(t, err)
	assert.JSONEq(t, `"unlimited"`, string(b))
	b, err = json.Marshal(DownloadsRemaining{Count: 0})
	require.NoError(t, err)
	assert.JSONEq(t, `0`, string(b))

	var e Expiry
	require.NoError(t, json.Unmarshal([]byte(`null`), &e))
	assert.True(t, e.Never())
	b, err = json.Marshal(Expiry{})
	require.NoError(t, err)
	assert.JSONEq(t, `"never"`, string(b))
	assert.Error(t, json.Unmarshal([]byte(`"tomorrow"`), &e))
}

func TestCustomerDownloadOperations(t *testing.T) {
	t.Parallel()
	runOps(t, []opCase{
		{name: "list", method: http.MethodGet, path: "customers/3/downloads", respond: jsonFixture(t, "customer-downloads.json"),
			call: func(ctx context.Context, c *Client) error {
				ds, err := c.CustomerDownloads.List(ctx, 3)
				if err == nil && len(ds) != 2 {
					t.Errorf("got %d downloads", len(ds))
				}
				return err
			}},
	})
}
