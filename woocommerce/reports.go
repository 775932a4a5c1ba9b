package woocommerce

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"time"
)

// Report is one entry of GET /reports: sales, top_sellers, orders/totals,
// products/totals, customers/totals, coupons/totals, reviews/totals, ...
type Report struct {
	Slug        string `json:"slug"`
	Description string `json:"description"`
	Links       Links  `json:"_links,omitzero"`
}

// ReportPeriodOptions chooses the period of the sales and top sellers
// reports: a named Period, or DateMin and DateMax. With neither the store
// reports the current week.
type ReportPeriodOptions struct {
	// Period is week, month, last_month or year.
	Period string `url:"period,omitempty"`
	// DateMin and DateMax are days in the store's time zone; only their
	// date is sent.
	DateMin time.Time `url:"date_min,omitempty" layout:"2006-01-02"`
	DateMax time.Time `url:"date_max,omitempty" layout:"2006-01-02"`
}

// SalesReport is the sales report (GET /reports/sales). Money is sent as
// strings ("12.00"), and some totals as numbers; Decimal takes both.
type SalesReport struct {
	TotalSales    Decimal `json:"total_sales"`
	NetSales      Decimal `json:"net_sales"`
	AverageSales  Decimal `json:"average_sales"`
	TotalOrders   FlexInt `json:"total_orders"`
	TotalItems    FlexInt `json:"total_items"`
	TotalTax      Decimal `json:"total_tax"`
	TotalShipping Decimal `json:"total_shipping"`
	TotalRefunds  Decimal `json:"total_refunds"`
	TotalDiscount Decimal `json:"total_discount"`
	// TotalsGroupedBy is day or month: the keys of Totals are then
	// "2006-01-02" or "2006-01".
	TotalsGroupedBy string      `json:"totals_grouped_by"`
	Totals          SalesTotals `json:"totals"`
	TotalCustomers  FlexInt     `json:"total_customers"`
	Links           Links       `json:"_links,omitzero"`
}

// SalesTotals holds a SalesReport's figures by day or month.
type SalesTotals map[string]SalesPeriod

// UnmarshalJSON accepts an object, and [] (PHP's empty array) or null.
func (t *SalesTotals) UnmarshalJSON(b []byte) error {
	m, err := decodePHPMap[SalesPeriod](b)
	if err != nil {
		return fmt.Errorf("sales totals: %w", err)
	}
	*t = m
	return nil
}

// SalesPeriod is the sales of one day or month.
type SalesPeriod struct {
	Sales     Decimal `json:"sales"`
	Orders    FlexInt `json:"orders"`
	Items     FlexInt `json:"items"`
	Tax       Decimal `json:"tax"`
	Shipping  Decimal `json:"shipping"`
	Discount  Decimal `json:"discount"`
	Customers FlexInt `json:"customers"`
}

// TopSeller is a product of the top sellers report
// (GET /reports/top_sellers).
type TopSeller struct {
	Name      string `json:"name"`
	ProductID int64  `json:"product_id"`
	// Quantity is the number sold; fractional on stores that sell by
	// weight.
	Quantity Decimal `json:"quantity"`
	Links    Links   `json:"_links,omitzero"`
}

// ReportTotal is one line of a totals report: an order status, product
// type, customer kind (paying, non_paying), coupon type or review rating,
// and how many there are.
type ReportTotal struct {
	Slug  string  `json:"slug"`
	Name  string  `json:"name"`
	Total FlexInt `json:"total"`
}

// ReportsService reads the legacy reports under /reports. They are
// computed on each call, which is slow on large stores.
type ReportsService struct{ c *Client }

// List returns the reports the store offers.
func (s *ReportsService) List(ctx context.Context) ([]Report, error) {
	return getList[Report](ctx, s.c, "list reports", "reports")
}

// salesAnswer decodes GET /reports/sales, which answers with a list holding
// the one report, and also a bare object.
type salesAnswer struct{ reports []SalesReport }

// UnmarshalJSON accepts a list of reports or one report object.
func (a *salesAnswer) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '{' {
		var r SalesReport
		if err := json.Unmarshal(b, &r); err != nil {
			return err
		}
		a.reports = []SalesReport{r}
		return nil
	}
	return json.Unmarshal(b, &a.reports)
}

// Sales returns the sales report for the period in opts (nil for the
// current week). The store answers with a one-element list, which Sales
// unwraps.
func (s *ReportsService) Sales(ctx context.Context, opts *ReportPeriodOptions) (*SalesReport, error) {
	const op = "get sales report"
	q, err := encodeOptions(opts)
	if err != nil {
		return nil, fmt.Errorf("woocommerce: %s: %w", op, err)
	}
	out, err := get[salesAnswer](ctx, s.c, op, "reports/sales", q)
	if err != nil {
		return nil, err
	}
	if len(out.reports) == 0 {
		return nil, fmt.Errorf("woocommerce: %s: %w", op, &APIError{StatusCode: http.StatusNotFound, Code: "woonexo_empty_report", Message: "the store answered with no report"})
	}
	return &out.reports[0], nil
}

// TopSellers returns the best-selling products for the period in opts (nil
// for the current week), at most 12 of them.
func (s *ReportsService) TopSellers(ctx context.Context, opts *ReportPeriodOptions) ([]TopSeller, error) {
	const op = "get top sellers report"
	q, err := encodeOptions(opts)
	if err != nil {
		return nil, fmt.Errorf("woocommerce: %s: %w", op, err)
	}
	out, err := get[[]TopSeller](ctx, s.c, op, "reports/top_sellers", q)
	if err != nil {
		return nil, err
	}
	return *out, nil
}

// OrdersTotals returns the number of orders in each status.
func (s *ReportsService) OrdersTotals(ctx context.Context) ([]ReportTotal, error) {
	return getList[ReportTotal](ctx, s.c, "get orders totals report", "reports/orders/totals")
}

// ProductsTotals returns the number of products of each type.
func (s *ReportsService) ProductsTotals(ctx context.Context) ([]ReportTotal, error) {
	return getList[ReportTotal](ctx, s.c, "get products totals report", "reports/products/totals")
}

// CustomersTotals returns the number of paying and non-paying customers.
func (s *ReportsService) CustomersTotals(ctx context.Context) ([]ReportTotal, error) {
	return getList[ReportTotal](ctx, s.c, "get customers totals report", "reports/customers/totals")
}

// CouponsTotals returns the number of coupons of each type.
func (s *ReportsService) CouponsTotals(ctx context.Context) ([]ReportTotal, error) {
	return getList[ReportTotal](ctx, s.c, "get coupons totals report", "reports/coupons/totals")
}

// ReviewsTotals returns the number of reviews with each rating.
func (s *ReportsService) ReviewsTotals(ctx context.Context) ([]ReportTotal, error) {
	return getList[ReportTotal](ctx, s.c, "get reviews totals report", "reports/reviews/totals")
}
