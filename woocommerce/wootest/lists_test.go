package wootest_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/woonexo/woonexo/woocommerce/wootest"
)

// tiedStore starts a store whose clock stands still and creates n products
// named alike in one batch, so that they share date_created, date_modified
// and name, as a batch create on a real store makes them share a second.
func tiedStore(t *testing.T, n int, opts ...wootest.Option) (*wootest.Server, *api) {
	t.Helper()
	at := time.Date(2026, 12, 7, 10, 0, 0, 0, time.UTC)
	srv := newServer(t, append([]wootest.Option{wootest.WithClock(func() time.Time { return at })}, opts...)...)
	t.Cleanup(srv.Close)
	a := newAPI(t, srv)
	var creates []any
	for range n {
		creates = append(creates, map[string]any{"name": "Same"})
	}
	r := a.do("POST", "/products/batch", map[string]any{"create": creates})
	require.Equal(t, 200, r.status, "%s", r.body)
	require.Len(t, srv.Store.Products(), n)
	return srv, a
}

// walk pages through /products with query, perPage rows a page, for as many
// pages as X-WP-TotalPages says, and returns the ids in the order seen.
func walk(t *testing.T, a *api, query string, perPage int) []int64 {
	t.Helper()
	var ids []int64
	for page, pages := 1, 1; page <= pages; page++ {
		r := a.do("GET", fmt.Sprintf("/products?per_page=%d&page=%d%s", perPage, page, query), nil)
		require.Equal(t, 200, r.status, "%s", r.body)
		_, err := fmt.Sscan(r.header.Get("X-WP-TotalPages"), &pages)
		require.NoError(t, err)
		for _, v := range r.list(t) {
			ids = append(ids, id(v.(map[string]any)))
		}
	}
	return ids
}

func countIDs(ids []int64) map[int64]int {
	seen := map[int64]int{}
	for _, id := range ids {
		seen[id]++
	}
	return seen
}

// Rows that tie on the sort key come in no stable order across requests, as
// on MySQL: a page walk by date (the default), title, modified or popularity
// (no product has sold) repeats some rows and skips others; by id it sees
// each row once, in order.
func TestListTiesHaveNoStableOrderAcrossPages(t *testing.T) {
	t.Parallel()
	const n = 30
	srv, a := tiedStore(t, n)

	for _, query := range []string{"", "&order=asc", "&orderby=date", "&orderby=title", "&orderby=modified", "&orderby=popularity"} {
		t.Run("ties"+query, func(t *testing.T) {
			ids := walk(t, a, query, 10)
			assert.Len(t, ids, n, "every page is full")
			assert.Less(t, len(countIDs(ids)), n, "a walk over tied rows repeats and skips some: %v", ids)
		})
	}
	for _, query := range []string{"&orderby=id", "&orderby=id&order=asc", "&orderby=id&order=desc"} {
		t.Run("unique"+query, func(t *testing.T) {
			ids := walk(t, a, query, 7)
			require.Len(t, ids, n)
			for id, c := range countIDs(ids) {
				assert.Equal(t, 1, c, "id %d", id)
			}
			for i := 1; i < len(ids); i++ {
				if query == "&orderby=id&order=asc" {
					assert.Less(t, ids[i-1], ids[i])
				} else {
					assert.Greater(t, ids[i-1], ids[i], "desc is the default order")
				}
			}
		})
	}
	// Rows that do not tie keep their order around the ties: a product
	// created later comes first by date desc on every page 1.
	later, err := srv.Store.AddProduct(wootest.Product{Name: "Later", DateCreatedGMT: ptr("2026-12-07T11:00:00")})
	require.NoError(t, err)
	for range 3 {
		r := a.do("GET", "/products?per_page=5", nil)
		assert.Equal(t, later.ID, id(r.list(t)[0].(map[string]any)))
	}
}

// The order of ties is drawn from the seed: the same seed and the same
// requests give the same pages.
func TestListTieOrderFollowsTheSeed(t *testing.T) {
	t.Parallel()
	_, a := tiedStore(t, 20, wootest.WithSeed(7))
	_, b := tiedStore(t, 20, wootest.WithSeed(7))
	assert.Equal(t, walk(t, a, "", 10), walk(t, b, "", 10))
}
