package woocommerce

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/woonexo/woonexo/woocommerce/wootest"
)

func TestListReadsRealPaginationHeaders(t *testing.T) {
	t.Parallel()
	f := loadFixture(t, "product-list-page1.http")
	rec := newRecorder(t, func(w http.ResponseWriter, _ *http.Request, _ int) { f.serve(w) })
	items, page, err := rec.client(t).Products.List(context.Background(), &ProductListOptions{
		ListOptions: ListOptions{PerPage: 3}, OrderBy: "id", Order: "asc",
	})
	require.NoError(t, err)
	assert.Len(t, items, 3)
	assert.Equal(t, Page{Page: 1, Total: 8, TotalPages: 3, NextPage: 2}, *page)
	assert.True(t, page.HasNext())
}

func TestParsePage(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		header http.Header
		query  url.Values
		want   Page
	}{
		{"no headers", http.Header{}, nil, Page{Page: 1, Total: -1, TotalPages: -1}},
		{"middle page", http.Header{
			"X-Wp-Total": {"250"}, "X-Wp-Totalpages": {"3"},
			"Link": {`<https://s.example/wp-json/wc/v3/orders?page=1>; rel="prev", <https://s.example/wp-json/wc/v3/orders?page=3>; rel="next"`},
		}, url.Values{"page": {"2"}}, Page{Page: 2, Total: 250, TotalPages: 3, NextPage: 3, PrevPage: 1}},
		{"two Link headers", http.Header{"Link": {`<https://s.example/?page=4>; rel="next"`, `<https://s.example/?page=2>; rel=prev`}},
			url.Values{"page": {"3"}}, Page{Page: 3, Total: -1, TotalPages: -1, NextPage: 4, PrevPage: 2}},
		{"garbage", http.Header{"X-Wp-Total": {"many"}, "Link": {`nonsense, <x>; foo=bar`}}, nil, Page{Page: 1, Total: -1, TotalPages: -1}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tc.want, parsePage(tc.header, tc.query))
		})
	}
}

// pagedStore serves /products in pages; sizes[i] is how many items page
// i+1 holds (short pages included), and failAt (if > 0) answers that page
// with a 500.
func pagedStore(t *testing.T, sizes []int, failAt int, headers bool) *recorder {
	return newRecorder(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		page, _ := strconv.Atoi(r.URL.Query().Get("page"))
		if page == 0 {
			page = 1
		}
		if page == failAt {
			w.WriteHeader(http.StatusInternalServerError)
			_, _ = w.Write([]byte(`{"code":"internal","message":"boom","data":{"status":500}}`))
			return
		}
		var items []map[string]any
		if page <= len(sizes) {
			for i := range sizes[page-1] {
				items = append(items, map[string]any{"id": page*100 + i})
			}
		}
		if headers {
			w.Header().Set("X-WP-Total", "999")
			w.Header().Set("X-WP-TotalPages", strconv.Itoa(len(sizes)))
			if page < len(sizes) {
				w.Header().Set("Link", fmt.Sprintf(`<http://x/wp-json/wc/v3/products?page=%d>; rel="next"`, page+1))
			}
		}
		b, _ := json.Marshal(items)
		if items == nil {
			b = []byte("[]")
		}
		_, _ = w.Write(b)
	})
}

func collectIDs(t *testing.T, c *Client, opts *ProductListOptions, stopAfter int) ([]int64, []error) {
	t.Helper()
	var ids []int64
	var errs []error
	for p, err := range c.Products.All(context.Background(), opts) {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		ids = append(ids, p.ID)
		if stopAfter > 0 && len(ids) == stopAfter {
			break
		}
	}
	return ids, errs
}

func TestAllWalksEveryPageThroughShortPages(t *testing.T) {
	t.Parallel()
	// Page 2 is short (WooCommerce dropped unreadable items) and page 3 is
	// empty, yet page 4 still has items.
	rec := pagedStore(t, []int{3, 1, 0, 2}, 0, true)
	opts := &ProductListOptions{ListOptions: ListOptions{PerPage: 3}, SKU: "X"}
	ids, errs := collectIDs(t, rec.client(t), opts, 0)
	assert.Empty(t, errs)
	assert.Equal(t, []int64{100, 101, 102, 200, 400, 401}, ids)
	assert.Len(t, rec.requests(), 4)
	for i, r := range rec.requests() {
		assert.Equal(t, strconv.Itoa(i+1), r.Query.Get("page"))
		assert.Equal(t, "3", r.Query.Get("per_page"))
		assert.Equal(t, "X", r.Query.Get("sku"), "filters are kept on every page")
	}
	assert.Equal(t, 0, opts.Page, "the caller's options are not modified")
}

func TestAllStartsAtTheRequestedPage(t *testing.T) {
	t.Parallel()
	rec := pagedStore(t, []int{2, 2, 2}, 0, true)
	ids, errs := collectIDs(t, rec.client(t), &ProductListOptions{ListOptions: ListOptions{Page: 2, PerPage: 2}}, 0)
	assert.Empty(t, errs)
	assert.Equal(t, []int64{200, 201, 300, 301}, ids)
}

func TestAllYieldsAnErrorOnceAndStops(t *testing.T) {
	t.Parallel()
	rec := pagedStore(t, []int{2, 2, 2, 2}, 3, true)
	ids, errs := collectIDs(t, rec.client(t, WithRetries(0)), &ProductListOptions{ListOptions: ListOptions{PerPage: 2}}, 0)
	assert.Equal(t, []int64{100, 101, 200, 201}, ids)
	require.Len(t, errs, 1)
	assert.ErrorIs(t, errs[0], ErrServer)
	assert.Contains(t, errs[0].Error(), "woocommerce: list products (page 3): HTTP 500 internal: boom")
	assert.Len(t, rec.requests(), 3, "no page after the error is fetched")
}

func TestAllHonoursBreak(t *testing.T) {
	t.Parallel()
	rec := pagedStore(t, []int{2, 2, 2}, 0, true)
	ids, errs := collectIDs(t, rec.client(t), &ProductListOptions{ListOptions: ListOptions{PerPage: 2}}, 3)
	assert.Empty(t, errs)
	assert.Equal(t, []int64{100, 101, 200}, ids)
	assert.Len(t, rec.requests(), 2, "no page is fetched after break")
}

func TestAllHonoursContext(t *testing.T) {
	t.Parallel()
	rec := pagedStore(t, []int{2, 2, 2}, 0, true)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var ids []int64
	var errs []error
	for p, err := range rec.client(t).Products.All(ctx, &ProductListOptions{ListOptions: ListOptions{PerPage: 2}}) {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		ids = append(ids, p.ID)
		cancel()
	}
	assert.Equal(t, []int64{100, 101}, ids)
	require.Len(t, errs, 1)
	assert.True(t, errors.Is(errs[0], context.Canceled), errs[0])
	assert.Len(t, rec.requests(), 1)
}

func TestAllWithoutHeadersFallsBackToFullPages(t *testing.T) {
	t.Parallel()
	// A proxy stripped X-WP-* and Link: walk while pages are full.
	rec := pagedStore(t, []int{2, 2, 1, 2}, 0, false)
	ids, errs := collectIDs(t, rec.client(t), &ProductListOptions{ListOptions: ListOptions{PerPage: 2}}, 0)
	assert.Empty(t, errs)
	assert.Equal(t, []int64{100, 101, 200, 201, 300}, ids)
}

func TestListOptionsValidation(t *testing.T) {
	t.Parallel()
	rec := pagedStore(t, []int{1}, 0, true)
	c := rec.client(t)
	_, _, err := c.Products.List(context.Background(), &ProductListOptions{ListOptions: ListOptions{PerPage: 101}})
	require.ErrorContains(t, err, "woocommerce: list products: per_page must be between 1 and 100, got 101")
	_, errs := collectIDs(t, c, &ProductListOptions{ListOptions: ListOptions{Page: -1}}, 0)
	require.Len(t, errs, 1)
	assert.Empty(t, rec.requests())
}

// All sorts by id unless the caller chose an orderby, on every page, and
// leaves the caller's options alone; List sends the options as they are.
func TestAllOrdersByIDUnlessTheCallerChoseAnOrder(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name            string
		opts            *ProductListOptions
		orderby, order  string
		wantBy, wantDir string
	}{
		{name: "no options", wantBy: "id", wantDir: "asc"},
		{name: "no order", opts: &ProductListOptions{SKU: "X"}, wantBy: "id", wantDir: "asc"},
		{name: "direction only", order: "desc", wantBy: "id", wantDir: "desc"},
		{name: "caller's orderby", orderby: "title", wantBy: "title", wantDir: ""},
		{name: "caller's orderby and order", orderby: "date", order: "desc", wantBy: "date", wantDir: "desc"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			opts := tc.opts
			if tc.orderby != "" || tc.order != "" {
				opts = &ProductListOptions{OrderBy: tc.orderby, Order: tc.order}
			}
			var before ProductListOptions
			if opts != nil {
				opts.PerPage = 2
				before = *opts
			}
			rec := pagedStore(t, []int{2, 2, 1}, 0, true)
			ids, errs := collectIDs(t, rec.client(t), opts, 0)
			assert.Empty(t, errs)
			assert.Len(t, ids, 5)
			require.Len(t, rec.requests(), 3)
			for _, r := range rec.requests() {
				assert.Equal(t, tc.wantBy, r.Query.Get("orderby"), "page %s", r.Query.Get("page"))
				assert.Equal(t, tc.wantDir, r.Query.Get("order"), "page %s", r.Query.Get("page"))
				_, has := r.Query["order"]
				assert.Equal(t, tc.wantDir != "", has, "order is sent only when chosen or defaulted")
			}
			if opts != nil {
				assert.Equal(t, before, *opts, "the caller's options are not modified")
			}
		})
	}

	rec := pagedStore(t, []int{2}, 0, true)
	_, _, err := rec.client(t).Products.List(context.Background(), nil)
	require.NoError(t, err)
	assert.Equal(t, url.Values{}, rec.last(t).Query, "List sends no order of its own")
}

// tiedShop is a fake store holding n products and n customers that share
// date_created and name, as a batch create on a real store makes them share
// a second, and a client for it.
func tiedShop(t *testing.T, n int) (*wootest.Server, *Client) {
	t.Helper()
	at := time.Date(2026, 12, 7, 10, 0, 0, 0, time.UTC)
	clock := func() time.Time { return at }
	shop := wootest.NewServer(wootest.WithClock(clock))
	t.Cleanup(shop.Close)
	for i := range n {
		_, err := shop.Store.AddProduct(wootest.Product{Name: "Same"})
		require.NoError(t, err)
		_, err = shop.Store.AddCustomer(wootest.Customer{Email: fmt.Sprintf("c%d@example.com", i), FirstName: "Ana", LastName: "Same"})
		require.NoError(t, err)
	}
	c, err := NewClient(shop.URL, WithCredentials(shop.ConsumerKey, shop.ConsumerSecret), WithClock(clock), WithRetries(0))
	require.NoError(t, err)
	return shop, c
}

func countSeen[T any](t *testing.T, seq func(func(T, error) bool), id func(T) int64) (yielded int, seen map[int64]int) {
	t.Helper()
	seen = map[int64]int{}
	for v, err := range seq {
		require.NoError(t, err)
		yielded++
		seen[id(v)]++
	}
	return yielded, seen
}

// Against a store whose ties come in no stable order (as MySQL's do), All
// without an order yields every row exactly once; with the caller's
// non-unique order it repeats and skips rows, as documented.
func TestAllYieldsEachTiedRowOnce(t *testing.T) {
	t.Parallel()
	const n = 110
	_, c := tiedShop(t, n)
	ctx := context.Background()
	productID := func(p Product) int64 { return p.ID }
	customerID := func(c Customer) int64 { return c.ID }

	for i, opts := range []*ProductListOptions{nil, {ListOptions: ListOptions{PerPage: 10}}, {ListOptions: ListOptions{PerPage: 7}, Order: "desc"}} {
		yielded, seen := countSeen(t, c.Products.All(ctx, opts), productID)
		assert.Equal(t, n, yielded, "walk %d", i)
		assert.Equal(t, n, len(seen), "walk %d: every product is seen", i)
	}
	yielded, seen := countSeen(t, c.Customers.All(ctx, &CustomerListOptions{ListOptions: ListOptions{PerPage: 10}}), customerID)
	assert.Equal(t, n, yielded)
	assert.Equal(t, n, len(seen), "every customer is seen")

	// The caller's order is kept, and one that ties repeats and skips rows:
	// the walks above were not lucky.
	yielded, seen = countSeen(t, c.Products.All(ctx, &ProductListOptions{ListOptions: ListOptions{PerPage: 10}, OrderBy: "date"}), productID)
	assert.Equal(t, n, yielded)
	assert.Less(t, len(seen), n, "a walk by date over products sharing one date repeats and skips some")
	yielded, seen = countSeen(t, c.Customers.All(ctx, &CustomerListOptions{ListOptions: ListOptions{PerPage: 10}, OrderBy: "name"}), customerID)
	assert.Equal(t, n, yielded)
	assert.Less(t, len(seen), n, "a walk by name over customers sharing one name repeats and skips some")
}
