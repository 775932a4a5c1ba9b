package woocommerce

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"net/http"
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/google/go-querystring/query"
)

// MaxPerPage is the largest per_page WooCommerce accepts.
const MaxPerPage = 100

// defaultPerPage is what WooCommerce uses when per_page is not sent.
const defaultPerPage = 10

// Page is the pagination metadata of one list call, read from the
// X-WP-Total and X-WP-TotalPages headers and the Link header.
type Page struct {
	// Page is the number of this page, from 1.
	Page int
	// Total is the number of items across all pages (X-WP-Total), or -1
	// when the store did not say (a proxy stripped the header).
	Total int64
	// TotalPages is the number of pages (X-WP-TotalPages), or -1 when the
	// store did not say.
	TotalPages int
	// NextPage is the number of the next page from the Link header's "next",
	// or 0 on the last page.
	NextPage int
	// PrevPage is the number of the previous page from the Link header's
	// "prev", or 0 on the first page.
	PrevPage int
}

// HasNext reports whether another page follows this one. It trusts
// X-WP-TotalPages and the Link header, never the number of items on the page:
// WooCommerce drops unreadable items, so a short page can come before more.
func (p Page) HasNext() bool {
	if p.TotalPages >= 0 {
		return p.Page < p.TotalPages
	}
	return p.NextPage > p.Page
}

// parsePage reads pagination headers. q is the query that was sent, for the
// current page number. Link URLs are read for their page number only: they
// repeat the request's query, credentials included, so they are never kept.
func parsePage(h http.Header, q url.Values) Page {
	p := Page{Page: 1, Total: -1, TotalPages: -1}
	if n, err := strconv.Atoi(q.Get("page")); err == nil && n > 0 {
		p.Page = n
	}
	if v := strings.TrimSpace(h.Get("X-WP-Total")); v != "" {
		if n, err := strconv.ParseInt(v, 10, 64); err == nil && n >= 0 {
			p.Total = n
		}
	}
	if v := strings.TrimSpace(h.Get("X-WP-TotalPages")); v != "" {
		if n, err := strconv.Atoi(v); err == nil && n >= 0 {
			p.TotalPages = n
		}
	}
	for _, link := range h.Values("Link") {
		for part := range strings.SplitSeq(link, ",") {
			target, rel, ok := parseLinkPart(part)
			if !ok {
				continue
			}
			n := p.Page
			if u, err := url.Parse(target); err == nil {
				if v, err := strconv.Atoi(u.Query().Get("page")); err == nil && v > 0 {
					n = v
				} else if rel == "next" {
					n = p.Page + 1
				} else if rel == "prev" {
					n = p.Page - 1
				}
			}
			switch rel {
			case "next":
				p.NextPage = n
			case "prev":
				p.PrevPage = n
			}
		}
	}
	return p
}

// parseLinkPart parses `<url>; rel="next"`.
func parseLinkPart(s string) (target, rel string, ok bool) {
	s = strings.TrimSpace(s)
	if !strings.HasPrefix(s, "<") {
		return "", "", false
	}
	end := strings.IndexByte(s, '>')
	if end < 0 {
		return "", "", false
	}
	target = s[1:end]
	for attr := range strings.SplitSeq(s[end+1:], ";") {
		k, v, found := strings.Cut(strings.TrimSpace(attr), "=")
		if found && strings.EqualFold(strings.TrimSpace(k), "rel") {
			rel = strings.ToLower(strings.Trim(strings.TrimSpace(v), `"`))
		}
	}
	return target, rel, rel != ""
}

// ListOptions holds the paging parameters every list takes. It is embedded in
// each resource's list options.
type ListOptions struct {
	// Page is the page to fetch, from 1 (the default).
	Page int `url:"page,omitempty"`
	// PerPage is the number of items per page, 1 to 100 (WooCommerce's
	// default is 10).
	PerPage int `url:"per_page,omitempty"`
}

func (o *ListOptions) listOptions() *ListOptions { return o }

// pager is implemented by every list options type through its embedded
// ListOptions.
type pager interface{ listOptions() *ListOptions }

// DateFilters restricts a list by creation and modification dates. It is
// embedded in the list options of dated resources. The times are sent in UTC
// with dates_are_gmt=true, so the store's time zone does not matter.
type DateFilters struct {
	// After limits to items created after this instant.
	After time.Time `url:"-"`
	// Before limits to items created before this instant.
	Before time.Time `url:"-"`
	// ModifiedAfter limits to items modified after this instant; the usual
	// filter for incremental sync.
	ModifiedAfter time.Time `url:"-"`
	// ModifiedBefore limits to items modified before this instant.
	ModifiedBefore time.Time `url:"-"`
}

func (d DateFilters) addDates(v url.Values) {
	set := false
	for _, f := range []struct {
		name string
		t    time.Time
	}{{"after", d.After}, {"before", d.Before}, {"modified_after", d.ModifiedAfter}, {"modified_before", d.ModifiedBefore}} {
		if !f.t.IsZero() {
			v.Set(f.name, f.t.UTC().Format("2006-01-02T15:04:05"))
			set = true
		}
	}
	if set {
		v.Set("dates_are_gmt", "true")
	}
}

// encodeOptions turns a list options struct into query values.
func encodeOptions(opts any) (url.Values, error) {
	if rv := reflect.ValueOf(opts); !rv.IsValid() || (rv.Kind() == reflect.Pointer && rv.IsNil()) {
		return url.Values{}, nil
	}
	v, err := query.Values(opts)
	if err != nil {
		return nil, fmt.Errorf("encode list options: %w", err)
	}
	if d, ok := opts.(interface{ addDates(url.Values) }); ok {
		d.addDates(v)
	}
	if p, ok := opts.(pager); ok {
		lo := p.listOptions()
		if lo.PerPage < 0 || lo.PerPage > MaxPerPage {
			return nil, fmt.Errorf("per_page must be between 1 and %d, got %d", MaxPerPage, lo.PerPage)
		}
		if lo.Page < 0 {
			return nil, fmt.Errorf("page must be 1 or more, got %d", lo.Page)
		}
	}
	return v, nil
}

// list fetches one page of a collection.
func list[T any](ctx context.Context, c *Client, op, path string, opts any) ([]T, *Page, error) {
	q, err := encodeOptions(opts)
	if err != nil {
		return nil, nil, fmt.Errorf("woocommerce: %s: %w", op, err)
	}
	return fetchPage[T](ctx, c, op, path, q)
}

// fetchPage fetches one page of a collection with the query q.
func fetchPage[T any](ctx context.Context, c *Client, op, path string, q url.Values) ([]T, *Page, error) {
	var items []T
	resp, err := c.send(ctx, call{op: op, method: http.MethodGet, path: path, query: q}, &items)
	if err != nil {
		return nil, nil, err
	}
	p := parsePage(resp.Header, q)
	return items, &p, nil
}

// orderByID makes a walk sort by id when the caller chose no orderby, and
// ascending unless the caller chose an order. WooCommerce sorts lists by date
// by default, and rows sharing a timestamp (a batch create makes many) come
// in no stable order across LIMIT/OFFSET pages: a walk by date repeats some
// and skips others. Every collection walked by all accepts orderby=id, which
// is unique.
func orderByID(q url.Values) {
	if q.Get("orderby") != "" {
		return
	}
	q.Set("orderby", "id")
	if q.Get("order") == "" {
		q.Set("order", "asc")
	}
}

// all walks every page of a collection from opts.Page (or 1). It works on a
// copy of opts. Without an OrderBy in opts it sorts by id (see orderByID). It
// continues while X-WP-TotalPages or the Link header says more pages follow;
// only when a proxy stripped both headers does it fall back to stopping at
// the first page shorter than per_page. An error is yielded once and ends the
// walk.
func all[T any, O any, PO interface {
	*O
	pager
}](ctx context.Context, c *Client, op, path string, opts *O) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var o O
		if opts != nil {
			o = *opts
		}
		if _, err := encodeOptions(PO(&o)); err != nil {
			var zero T
			yield(zero, fmt.Errorf("woocommerce: %s: %w", op, err))
			return
		}
		lo := PO(&o).listOptions()
		perPage := lo.PerPage
		if perPage == 0 {
			perPage = defaultPerPage
		}
		page := max(lo.Page, 1)
		for {
			if err := ctx.Err(); err != nil {
				var zero T
				yield(zero, fmt.Errorf("woocommerce: %s (page %d): %w", op, page, err))
				return
			}
			lo.Page = page
			pageOp := fmt.Sprintf("%s (page %d)", op, page)
			q, err := encodeOptions(PO(&o))
			if err != nil {
				var zero T
				yield(zero, fmt.Errorf("woocommerce: %s: %w", pageOp, err))
				return
			}
			orderByID(q)
			items, p, err := fetchPage[T](ctx, c, pageOp, path, q)
			if err != nil {
				var zero T
				yield(zero, err)
				return
			}
			for _, it := range items {
				if !yield(it, nil) {
					return
				}
			}
			switch {
			case p.TotalPages >= 0 || p.NextPage > 0:
				if !p.HasNext() {
					return
				}
			case len(items) < perPage:
				return
			}
			page++
		}
	}
}

// errNoID is returned for a zero or negative id, before any request.
var errNoID = errors.New("id must be a positive integer")

func checkID(op string, ids ...int64) error {
	for _, id := range ids {
		if id <= 0 {
			return fmt.Errorf("woocommerce: %s: %w (got %d)", op, errNoID, id)
		}
	}
	return nil
}

// errSeq is an iterator that yields err once.
func errSeq[T any](err error) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		yield(zero, err)
	}
}
