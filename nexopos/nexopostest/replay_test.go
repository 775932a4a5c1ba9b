package nexopostest_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/woonexo/woonexo/internal/testclock"
	"github.com/woonexo/woonexo/nexopos/nexopostest"
)

// sample is one recorded exchange of testdata/samples.
type sample struct {
	name     string
	method   string
	path     string
	headers  map[string]string
	body     string
	status   int
	respType string
	respBody any
}

func readSample(t *testing.T, file string) sample {
	t.Helper()
	data, err := os.ReadFile(file)
	require.NoError(t, err)
	req, resp, ok := strings.Cut(string(data), "### response")
	require.True(t, ok, file)
	s := sample{name: filepath.Base(file), headers: map[string]string{}}
	sc := bufio.NewScanner(strings.NewReader(req))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	sc.Scan()
	parts := strings.Fields(sc.Text())
	s.method, s.path = parts[0], parts[1]
	for sc.Scan() && sc.Text() != "" {
		k, v, _ := strings.Cut(sc.Text(), ": ")
		s.headers[k] = v
	}
	var body strings.Builder
	for sc.Scan() {
		body.WriteString(sc.Text() + "\n")
	}
	s.body = strings.TrimSpace(body.String())

	resp = strings.TrimLeft(resp, "\n")
	head, rbody, _ := strings.Cut(resp, "\n\n")
	lines := strings.Split(head, "\n")
	s.status, _ = strconv.Atoi(strings.Fields(lines[0])[1])
	for _, l := range lines[1:] {
		if k, v, ok := strings.Cut(l, ": "); ok && k == "Content-Type" {
			s.respType = v
		}
	}
	if strings.HasPrefix(s.respType, "application/json") && strings.TrimSpace(rbody) != "" {
		dec := json.NewDecoder(bytes.NewReader([]byte(rbody)))
		dec.UseNumber()
		require.NoError(t, dec.Decode(&s.respBody), file)
	}
	return s
}

// TestReplaySamples replays the first recording (a fresh 5.3.10, samples
// 01-48) in order against a fresh fake and requires the same status, the
// same content type and, for JSON, the same keys and JSON types at every
// depth. Ids that differ between the two installs are rewritten.
func TestReplaySamples(t *testing.T) {
	a := newAPI(t, nexopostest.WithThrottle(0))
	files, err := filepath.Glob("testdata/samples/*.http")
	require.NoError(t, err)
	require.NotEmpty(t, files)
	realCustomer := "73"
	fakeCustomer := ""
	for _, f := range files {
		s := readSample(t, f)
		t.Run(s.name, func(t *testing.T) {
			path, body := s.path, s.body
			if fakeCustomer != "" {
				path = strings.ReplaceAll(path, "/customers/"+realCustomer, "/customers/"+fakeCustomer)
				body = strings.ReplaceAll(body, `"customer_id": `+realCustomer, `"customer_id": `+fakeCustomer)
			}
			headers := map[string]string{}
			for k, v := range s.headers {
				switch k {
				case "Authorization":
					if strings.HasPrefix(v, "Bearer 1|OMW3") {
						v = "Bearer " + a.token
					}
					headers[k] = v
				case "Accept", "Content-Type":
					headers[k] = v
				}
			}
			var b any
			if body != "" {
				b = body
			}
			before := a.s.Now()
			r := a.raw(s.method, path, b, headers)
			after := a.s.Now()
			require.Equal(t, s.status, r.status, "%s %s: %s", s.method, path, r.raw)
			if strings.HasPrefix(s.respType, "text/html") {
				assert.True(t, strings.HasPrefix(r.header.Get("Content-Type"), "text/html"), r.header.Get("Content-Type"))
				return
			}
			assert.Equal(t, "application/json", r.header.Get("Content-Type"))
			diffs := shapeDiff("$", s.respBody, r.body)
			assert.Empty(t, diffs, "%s", r.raw)
			if s.name == "26-create-customer.http" {
				fakeCustomer = strconv.FormatInt(idOf(dig(r.body, "data", "entry", "id")), 10)
			}
			// key values the recording shows
			switch s.name {
			case "19-get-product-units-after-adjust.http":
				assert.Equal(t, 100.0, numOf(dig(r.body, 0, "quantity")))
				assert.Equal(t, 0.0, numOf(dig(r.body, 1, "quantity")))
			case "45-err-adjustment-below-zero.http", "44-err-order-unknown-payment.http",
				"40-err-product-not-found.http", "41-err-create-product-missing-name.http",
				"46-err-order-not-found.http", "47-err-customer-not-found.http", "48-err-create-customer-missing-first-name.http":
				if !strings.HasPrefix(s.name, "41") {
					assert.Equal(t, dig(s.respBody, "message"), dig(r.body, "message"))
				} else {
					assert.Contains(t, dig(r.body, "message"), "Column 'name' cannot be null")
				}
			case "13-create-product.http", "17-update-product.http":
				for i := 0; i < 2; i++ {
					for _, k := range []string{"barcode", "sale_price", "sale_price_without_tax", "sale_price_tax", "wholesale_price", "wholesale_price_tax"} {
						assert.Equal(t, dig(s.respBody, "data", "product", "unit_quantities", i, k), dig(r.body, "data", "product", "unit_quantities", i, k), k)
					}
				}
			case "28-create-order.http":
				assert.Equal(t, "paid", dig(r.body, "data", "order", "payment_status"))
				// <the store's day as yymmdd>-<nth order of that day>: the
				// recording's code at the recording's date, else the
				// fake's day (the order is made between before and after)
				recorded := dig(s.respBody, "data", "order", "code").(string)
				got, _ := dig(r.body, "data", "order", "code").(string)
				assert.Contains(t, []string{before.Format("060102") + recorded[6:], after.Format("060102") + recorded[6:]}, got)
				if !testclock.Overridden() {
					assert.Equal(t, recorded, got)
				}
			case "30-get-crud-orders.http":
				for _, k := range []string{"type", "payment_status", "total", "discount", "process_status", "$cssClass"} {
					assert.Equal(t, dig(s.respBody, "data", 0, k), dig(r.body, "data", 0, k), k)
				}
			case "25-get-crud-products.http":
				for _, k := range []string{"type", "status", "stock_management", "rawType", "category_name"} {
					assert.Equal(t, dig(s.respBody, "data", 0, k), dig(r.body, "data", 0, k), k)
				}
			}
		})
	}
}

var _ = nexopostest.V5

// TestReplayMoreSamples replays the second, larger recording (more/) in the
// order it was made, on a fake prepared like the recorded server (the
// entities an intermediate run left, so that ids line up). It requires the
// same status, keys and JSON types, and the recorded key values: stock
// after every order operation, order totals and statuses, error messages.
func TestReplayMoreSamples(t *testing.T) {
	// a clock that ticks a second per reading keeps updated_at orders apart
	var mu sync.Mutex
	clock := testclock.Start(t, testclock.Recorded)
	tick := func() time.Time {
		mu.Lock()
		defer mu.Unlock()
		clock = clock.Add(time.Second)
		return clock
	}
	a := newAPI(t, nexopostest.WithThrottle(0), nexopostest.WithClock(tick))
	h := a.s.Handler
	// the first recording
	files, err := filepath.Glob("testdata/samples/*.http")
	require.NoError(t, err)
	custMap := map[string]string{}
	for _, f := range files {
		s := readSample(t, f)
		if s.status != 200 || s.method == "GET" {
			continue
		}
		body := s.body
		for real, fake := range custMap {
			body = strings.ReplaceAll(body, `"customer_id": `+real, `"customer_id": `+fake)
		}
		r := a.do(s.method, s.path, body)
		require.Equal(t, 200, r.status, "%s: %s", s.name, r.raw)
		if s.name == "26-create-customer.http" {
			custMap["73"] = strconv.FormatInt(idOf(dig(r.body, "data", "entry", "id")), 10)
		}
	}
	// what the intermediate run left: customer groups 2-5, categories 2-3,
	// products 2-3 (unit quantities 3-4), customers 74-75, orders 2-3.
	for _, n := range []string{"Regulars 63535ref", "Regulars 63535cand", "Regulars 63543ref", "Regulars 63543cand"} {
		h.AddCustomerGroup(n)
	}
	for i, tag := range []string{"63535ref", "63535cand"} {
		ct, err := h.AddCategory(nexopostest.NewCategory{Name: "Bev " + tag, Description: "Drinks"})
		require.NoError(t, err)
		p, err := h.AddProduct(nexopostest.NewProduct{Name: "Water 50cl " + tag, SKU: "W-" + tag, CategoryID: ct.ID, TaxGroupID: 1,
			Units: []nexopostest.NewUnitQuantity{{UnitID: 1, SalePrice: 3, WholesalePrice: 2, Stock: 10}}})
		require.NoError(t, err)
		email := "jane" + tag + "@example.com"
		r := a.must(200, "POST", "/api/crud/ns.customers", map[string]any{"first_name": "Jane",
			"general":  map[string]any{"group_id": i + 2, "last_name": "Doe " + tag, "email": email, "phone": "+1555" + tag},
			"shipping": map[string]any{"first_name": "Jane", "email": email}})
		cu := idOf(dig(r.body, "data", "entry", "id"))
		custMap[strconv.Itoa(74+i)] = strconv.FormatInt(cu, 10)
		_, err = h.Sell(cu, nexopostest.OrderLine{ProductID: p.ID, UnitID: 1, Quantity: 2})
		require.NoError(t, err)
	}

	more, err := filepath.Glob("testdata/samples/more/*.http")
	require.NoError(t, err)
	type dated struct {
		s    sample
		date string
	}
	var list []dated
	for _, f := range more {
		data, err := os.ReadFile(f)
		require.NoError(t, err)
		_, resp, _ := strings.Cut(string(data), "### response")
		date := ""
		for _, l := range strings.Split(resp, "\n") {
			if strings.HasPrefix(l, "Date: ") {
				date = strings.TrimPrefix(l, "Date: ")
				break
			}
		}
		list = append(list, dated{readSample(t, f), date})
	}
	// recorded order: by Date (second resolution), then by name
	for i := 1; i < len(list); i++ {
		for j := i; j > 0 && (list[j].date < list[j-1].date || (list[j].date == list[j-1].date && list[j].s.name < list[j-1].s.name)); j-- {
			list[j], list[j-1] = list[j-1], list[j]
		}
	}
	newToken := ""
	for _, d := range list {
		s := d.s
		t.Run(s.name, func(t *testing.T) {
			path, body := s.path, s.body
			for real, fake := range custMap {
				path = strings.ReplaceAll(path, "/customers/"+real, "/customers/"+fake)
				path = strings.ReplaceAll(path, "ns.customers/"+real, "ns.customers/"+fake)
				body = strings.ReplaceAll(body, `"customer_id": `+real, `"customer_id": `+fake)
			}
			headers := map[string]string{}
			for k, v := range s.headers {
				switch k {
				case "Authorization":
					if strings.HasPrefix(v, "Bearer 1|OMW3") {
						v = "Bearer " + a.token
					} else if strings.HasPrefix(v, "Bearer 2|il2P") {
						v = "Bearer " + newToken
					}
					headers[k] = v
				case "Accept", "Content-Type":
					headers[k] = v
				}
			}
			var b any
			if body != "" {
				b = body
			}
			r := a.raw(s.method, path, b, headers)
			require.Equal(t, s.status, r.status, "%s %s: %s", s.method, path, r.raw)
			diffs := shapeDiff("$", s.respBody, r.body)
			assert.Empty(t, diffs, "%s", r.raw)
			if s.name == "180-create-token.http" {
				newToken, _ = dig(r.body, "data", "token", "plainTextToken").(string)
			}
			if s.status != 200 {
				if m, ok := dig(s.respBody, "message").(string); ok {
					for real, fake := range custMap {
						m = strings.ReplaceAll(m, "customers/"+real, "customers/"+fake)
					}
					if strings.HasPrefix(m, "SQLSTATE") {
						got, _ := dig(r.body, "message").(string)
						assert.Equal(t, m[:strings.Index(m, "(Connection")], got[:min(len(got), strings.Index(m, "(Connection"))])
					} else {
						assert.Equal(t, m, dig(r.body, "message"))
					}
				}
				return
			}
			switch {
			case strings.Contains(s.name, "-stock-after") || strings.Contains(s.name, "-stock-before") || strings.HasPrefix(s.name, "137"):
				l, _ := s.respBody.([]any)
				for i := range l {
					assert.Equal(t, numOf(dig(s.respBody, i, "quantity")), numOf(dig(r.body, i, "quantity")), "unit %d", i)
				}
			case strings.Contains(s.name, "stock-adjustment"):
				for _, k := range []string{"operation_type", "before_quantity", "quantity", "after_quantity", "unit_price", "total_price", "id"} {
					assert.Equal(t, dig(s.respBody, "data", 0, k), dig(r.body, "data", 0, k), k)
				}
			case strings.Contains(s.name, "create-order"):
				for _, k := range []string{"payment_status", "subtotal", "total", "tendered", "change", "total_with_tax", "total_without_tax", "id", "delivery_status"} {
					assert.Equal(t, dig(s.respBody, "data", "order", k), dig(r.body, "data", "order", k), k)
				}
				// The code is <day the order was made>-<nth order of that
				// day>. At the recording's date the count is the
				// recording's; a clock moved near midnight (testclock)
				// restarts the count on the new day, so only the day and
				// the shape are checked then.
				got, _ := dig(r.body, "data", "order", "code").(string)
				require.Regexp(t, `^\d{6}-\d{3}$`, got)
				id := idOf(dig(r.body, "data", "order", "id"))
				for _, o := range h.Orders() {
					if o.ID == id {
						assert.Equal(t, o.CreatedAt.UTC().Format("060102"), got[:6], "the code's day is the order's")
					}
				}
				if !testclock.Overridden() {
					assert.Equal(t, dig(s.respBody, "data", "order", "code").(string)[6:], got[6:])
				}
			case strings.HasPrefix(s.name, "155") || strings.HasPrefix(s.name, "156c") || strings.HasPrefix(s.name, "165") || strings.HasPrefix(s.name, "168b"):
				o := r.body
				want := s.respBody
				if strings.HasPrefix(s.name, "155") {
					o, want = dig(o, "data", "order"), dig(want, "data", "order")
				}
				for _, k := range []string{"payment_status", "subtotal", "total", "tendered", "change", "total_with_tax", "total_without_tax", "register_id"} {
					assert.Equal(t, dig(want, k), dig(o, k), k)
				}
				assert.Equal(t, dig(want, "products", 0, "total_price"), dig(o, "products", 0, "total_price"))
				assert.Equal(t, dig(want, "products", 0, "quantity"), dig(o, "products", 0, "quantity"))
			case strings.HasPrefix(s.name, "138") || strings.HasPrefix(s.name, "139-"):
				l, _ := dig(s.respBody, "data").([]any)
				for i := range l {
					for _, k := range []string{"id", "operation_type", "unit_price", "total_price", "$cssClass"} {
						assert.Equal(t, dig(s.respBody, "data", i, k), dig(r.body, "data", i, k), "%d %s", i, k)
					}
				}
				assert.Equal(t, dig(s.respBody, "total"), dig(r.body, "total"))
			case strings.HasPrefix(s.name, "124") || strings.HasPrefix(s.name, "147"):
				// row order depends on timestamps and ids of another install
				assert.Equal(t, dig(s.respBody, "total"), dig(r.body, "total"))
			case strings.HasPrefix(s.name, "123") || strings.HasPrefix(s.name, "125") || strings.HasPrefix(s.name, "126-"):
				assert.Equal(t, dig(s.respBody, "total"), dig(r.body, "total"))
				l, _ := dig(s.respBody, "data").([]any)
				for i := range l {
					assert.Equal(t, dig(s.respBody, "data", i, "id"), dig(r.body, "data", i, "id"), "row %d", i)
				}
			}
		})
	}
}
