package woocommerce

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestStoreRefundDecode(t *testing.T) {
	t.Parallel()
	var raws []json.RawMessage
	require.NoError(t, json.Unmarshal(jsonFixture(t, "refunds-list.json"), &raws))
	r := assertRoundTrip[StoreRefund](t, raws[0])
	assert.Equal(t, int64(21), r.ParentID)
	assert.Equal(t, int64(22), r.ID)
	assert.True(t, r.Amount.Equal(MustDecimal("5")))
	assert.Equal(t, "sample partial refund", r.Reason)
}

func TestStoreRefundOperations(t *testing.T) {
	t.Parallel()
	list := jsonFixture(t, "refunds-list.json")
	runOps(t, []opCase{
		{name: "list across orders", method: http.MethodGet, path: "refunds", respond: list,
			query: url.Values{"per_page": {"100"}, "after": {"2026-11-27T06:00:00"}, "dates_are_gmt": {"true"}, "order": {"asc"}},
			call: func(ctx context.Context, c *Client) error {
				rs, page, err := c.Refunds.ListAcrossOrders(ctx, &RefundListOptions{ListOptions: ListOptions{PerPage: 100},
					DateFilters: DateFilters{After: time.Date(2026, 11, 27, 6, 0, 0, 0, time.UTC)}, Order: "asc"})
				if err == nil {
					require.Len(t, rs, 1)
					assert.Equal(t, int64(21), rs[0].ParentID)
					assert.Equal(t, 1, page.Page)
				}
				return err
			}},
		{name: "all across orders", method: http.MethodGet, path: "refunds", respond: list, query: url.Values{"page": {"1"}, "orderby": {"id"}, "order": {"asc"}},
			call: func(ctx context.Context, c *Client) error {
				n := 0
				for r, err := range c.Refunds.AllAcrossOrders(ctx, nil) {
					if err != nil {
						return err
					}
					assert.Equal(t, int64(22), r.ID)
					n++
				}
				assert.Equal(t, 1, n)
				return nil
			}},
	})
}
