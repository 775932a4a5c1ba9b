package nexopos

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"net/url"
	"strconv"

	"github.com/google/go-querystring/query"
)

// NexoPOS CRUD namespaces, the paged lists under /api/crud/{namespace}.
const (
	NamespaceProducts              = "ns.products"
	NamespaceProductUnits          = "ns.products-units"
	NamespaceCategories            = "ns.products-categories"
	NamespaceProductHistories      = "ns.products-histories"
	NamespaceGlobalProductsHistory = "ns.global-products-history"
	NamespaceProductAdjustments    = "ns.products-adjustments"
	NamespaceOrders                = "ns.orders"
	NamespaceCustomers             = "ns.customers"
	NamespaceCustomerGroups        = "ns.customers-groups"
	NamespacePaymentTypes          = "ns.payments-types"
	NamespaceUnits                 = "ns.units"
	NamespaceUnitGroups            = "ns.units-groups"
	NamespaceTaxes                 = "ns.taxes"
	NamespaceTaxGroups             = "ns.taxes-groups"
	NamespaceProviders             = "ns.providers"
	NamespaceUsers                 = "ns.users"
)

// Sort directions for ListOptions.Direction.
const (
	Ascending  = "asc"
	Descending = "desc"
)

// ListOptions selects a page of a CRUD list.
type ListOptions struct {
	// Page is the 1-based page number; 0 means the first page.
	Page int `url:"page,omitempty"`
	// PerPage is the page size; 0 means NexoPOS's default of 20. NexoPOS
	// sets no maximum.
	PerPage int `url:"per_page,omitempty"`
	// Search matches any listed column with SQL LIKE.
	Search string `url:"search,omitempty"`
	// Active is the column to sort by, table-qualified when the list joins
	// tables ("nexopos_orders.updated_at"). Sorting replaces the list's own
	// default order (and, on ns.customers, the restriction to customers,
	// which is why CustomersService never sends it).
	Active string `url:"active,omitempty"`
	// Direction is Ascending or Descending; it is sent only with Active.
	Direction string `url:"direction,omitempty"`
	// QueryFilters restricts rows to columns equal to values; keys go
	// straight into SQL, so use table-qualified column names
	// ("nexopos_products.stock_management") and raw values ("order_void"),
	// not the labels the rows show. NexoPOS ignores empty values and "0".
	QueryFilters map[string]string `url:"-"`
}

func (o *ListOptions) values() (url.Values, error) {
	if o == nil {
		return url.Values{}, nil
	}
	if o.Page < 0 || o.PerPage < 0 {
		return nil, invalid(fmt.Errorf("negative page (%d) or per_page (%d)", o.Page, o.PerPage))
	}
	switch o.Direction {
	case "", Ascending, Descending:
	default:
		return nil, invalid(fmt.Errorf("direction %q is neither %q nor %q", o.Direction, Ascending, Descending))
	}
	if (o.Active == "") != (o.Direction == "") {
		return nil, invalid(fmt.Errorf("active (%q) and direction (%q) go together", o.Active, o.Direction))
	}
	q, err := query.Values(o)
	if err != nil {
		return nil, err
	}
	if len(o.QueryFilters) > 0 {
		b, err := json.Marshal(o.QueryFilters)
		if err != nil {
			return nil, err
		}
		// NexoPOS url-decodes the parameter a second time after Laravel
		// did; escaping it once more keeps "+" and "%" in values intact.
		q.Set("queryFilters", url.QueryEscape(string(b)))
	}
	return q, nil
}

// Page is one page of a CRUD list, with Laravel's paginator metadata.
type Page[T any] struct {
	// Items are the page's rows.
	Items []T
	// CurrentPage is the 1-based number of this page.
	CurrentPage int
	// LastPage is the number of the last page (1 for an empty list).
	LastPage int
	// PerPage is the page size the server used.
	PerPage int
	// Total counts the rows of every page.
	Total int
	// From and To are the 1-based positions of the first and last row of
	// this page in the whole list (0 when empty).
	From, To int
}

// HasNext reports whether pages follow this one.
func (p *Page[T]) HasNext() bool { return p.CurrentPage < p.LastPage && len(p.Items) > 0 }

type pageMeta struct {
	CurrentPage int               `json:"current_page"`
	LastPage    int               `json:"last_page"`
	PerPage     int               `json:"per_page"`
	Total       int               `json:"total"`
	From        int               `json:"from"`
	To          int               `json:"to"`
	Data        []json.RawMessage `json:"data"`
}

// crudList describes how to read the rows of one namespace.
type crudList struct {
	namespace string
	// labels maps a cast column to its label -> raw value table, for
	// columns NexoPOS shows as display strings.
	labels map[string]map[string]string
	// rawKeys maps a column to the key that holds its raw value
	// (ns.products: type -> rawType).
	rawKeys map[string]string
}

// decodePage decodes a CRUD page into rows of T.
func decodePage[T any](body []byte, l crudList) (*Page[T], error) {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(body, &m); err != nil {
		return nil, err
	}
	var meta pageMeta
	if err := fillStruct(m, &meta, nil); err != nil {
		return nil, err
	}
	p := &Page[T]{
		Items: make([]T, 0, len(meta.Data)), CurrentPage: meta.CurrentPage, LastPage: meta.LastPage,
		PerPage: meta.PerPage, Total: meta.Total, From: meta.From, To: meta.To,
	}
	for i, raw := range meta.Data {
		var item T
		if err := decodeRow(raw, &item, l); err != nil {
			return nil, fmt.Errorf("row %d: %w", i, err)
		}
		p.Items = append(p.Items, item)
	}
	return p, nil
}

// decodeRow decodes one CRUD row: raw values from __raw (or the namespace's
// raw keys, or its label tables) replace display strings, which are kept in
// the row's Display map.
func decodeRow(raw json.RawMessage, v any, l crudList) error {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || raw[0] != '{' {
		return fmt.Errorf("expected a JSON object, got %s", snippet(raw))
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(raw, &m); err != nil {
		return err
	}
	display := map[string]string{}
	replace := func(col string, val json.RawMessage) {
		if cur, ok := m[col]; ok && !bytes.Equal(bytes.TrimSpace(cur), bytes.TrimSpace(val)) {
			if text, err := lenientString(cur); err == nil {
				display[col] = text
			}
		}
		m[col] = val
	}
	if r, ok := m["__raw"]; ok {
		var rawCols map[string]json.RawMessage
		if json.Unmarshal(r, &rawCols) == nil {
			for col, val := range rawCols {
				replace(col, val)
			}
		}
	}
	for col, key := range l.rawKeys {
		if _, done := display[col]; done {
			continue
		}
		if val, ok := m[key]; ok {
			replace(col, val)
		}
	}
	for col, table := range l.labels {
		if _, done := display[col]; done {
			continue
		}
		cur, ok := m[col]
		if !ok {
			continue
		}
		text, err := lenientString(cur)
		if err != nil {
			continue
		}
		if rawVal, ok := table[text]; ok {
			replace(col, strconv.AppendQuote(nil, rawVal))
		}
	}
	return fillStruct(m, v, display)
}

// listCRUD fetches one page of a namespace.
func listCRUD[T any](ctx context.Context, c *Client, l crudList, opts *ListOptions) (*Page[T], error) {
	q, err := opts.values()
	if err != nil {
		return nil, err
	}
	var raw json.RawMessage
	if err := c.call(ctx, "GET", "crud/"+l.namespace, q, nil, &raw); err != nil {
		return nil, err
	}
	p, err := decodePage[T](raw, l)
	if err != nil {
		return nil, fmt.Errorf("decoding %s page: %w", l.namespace, err)
	}
	return p, nil
}

// iterateCRUD walks every page from opts.Page on. It copies opts, yields an
// error once and stops, and honours break.
func iterateCRUD[T any](ctx context.Context, c *Client, l crudList, opts *ListOptions, op string) iter.Seq2[T, error] {
	var o ListOptions
	if opts != nil {
		o = *opts
	}
	return func(yield func(T, error) bool) {
		if o.Page == 0 {
			o.Page = 1
		}
		for {
			p, err := listCRUD[T](ctx, c, l, &o)
			if err != nil {
				var zero T
				yield(zero, wrap(fmt.Sprintf("%s page %d", op, o.Page), err))
				return
			}
			for _, it := range p.Items {
				if !yield(it, nil) {
					return
				}
			}
			if !p.HasNext() {
				return
			}
			o.Page = p.CurrentPage + 1
		}
	}
}

// createCRUD posts a CRUD form and decodes the created entry.
func createCRUD[T any](ctx context.Context, c *Client, namespace string, body any) (*T, error) {
	var env envelope[crudEntry[T]]
	if err := c.call(ctx, "POST", "crud/"+namespace, nil, body, &env); err != nil {
		return nil, err
	}
	return &env.Data.Entry, nil
}

// updateCRUD puts a CRUD form for entry id and decodes the updated entry.
func updateCRUD[T any](ctx context.Context, c *Client, namespace string, id int64, body any) (*T, error) {
	if err := checkID(id); err != nil {
		return nil, err
	}
	var env envelope[crudEntry[T]]
	if err := c.call(ctx, "PUT", "crud/"+namespace+"/"+strconv.FormatInt(id, 10), nil, body, &env); err != nil {
		return nil, err
	}
	return &env.Data.Entry, nil
}

// deleteCRUD deletes entry id of a namespace.
func deleteCRUD(ctx context.Context, c *Client, namespace string, id int64) error {
	if err := checkID(id); err != nil {
		return err
	}
	return c.call(ctx, "DELETE", "crud/"+namespace+"/"+strconv.FormatInt(id, 10), nil, nil, nil)
}

func checkID(id int64) error {
	if id <= 0 {
		return invalid(fmt.Errorf("id must be positive, got %d", id))
	}
	return nil
}

func idPath(prefix string, id int64) string { return prefix + "/" + strconv.FormatInt(id, 10) }
