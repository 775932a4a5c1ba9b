package woocommerce

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strconv"
)

// CustomerDownload is a file a customer may download
// (GET /customers/{id}/downloads): one per downloadable file of each paid
// order.
type CustomerDownload struct {
	DownloadID   string `json:"download_id"`
	DownloadURL  string `json:"download_url"`
	ProductID    int64  `json:"product_id"`
	ProductName  string `json:"product_name"`
	DownloadName string `json:"download_name"`
	OrderID      int64  `json:"order_id"`
	OrderKey     string `json:"order_key"`
	// DownloadsRemaining is a count, or unlimited.
	DownloadsRemaining DownloadsRemaining `json:"downloads_remaining"`
	// AccessExpires is when access ends (store-local time), or never.
	AccessExpires Expiry `json:"access_expires"`
	// AccessExpiresGMT is AccessExpires in UTC.
	AccessExpiresGMT Expiry       `json:"access_expires_gmt"`
	File             DownloadFile `json:"file"`
	Links            Links        `json:"_links,omitzero"`
}

// DownloadFile is the file of a CustomerDownload.
type DownloadFile struct {
	Name string `json:"name"`
	File string `json:"file"`
}

// DownloadsRemaining is how many more times a file may be downloaded.
// WooCommerce sends a number, or the string "unlimited".
type DownloadsRemaining struct {
	// Count is the number left; 0 when Unlimited.
	Count int64
	// Unlimited is true when there is no limit.
	Unlimited bool
}

// UnmarshalJSON accepts a number, a numeric string, "unlimited", "" and null
// (both unlimited, as the store treats an empty limit).
func (d *DownloadsRemaining) UnmarshalJSON(b []byte) error {
	t := bytes.TrimSpace(b)
	if bytes.Equal(t, []byte(`"unlimited"`)) {
		*d = DownloadsRemaining{Unlimited: true}
		return nil
	}
	n, ok, err := parseLenientInt(t)
	if err != nil {
		return fmt.Errorf("downloads_remaining: %w", err)
	}
	*d = DownloadsRemaining{Count: n, Unlimited: !ok}
	return nil
}

// MarshalJSON encodes the count, or "unlimited".
func (d DownloadsRemaining) MarshalJSON() ([]byte, error) {
	if d.Unlimited {
		return []byte(`"unlimited"`), nil
	}
	return strconv.AppendInt(nil, d.Count, 10), nil
}

// Expiry is when access to something ends. WooCommerce sends a date, or the
// string "never"; never is the zero Expiry.
type Expiry struct {
	Time
}

// Never reports whether access never expires.
func (e Expiry) Never() bool { return e.IsZero() }

// UnmarshalJSON accepts a date in any format Time accepts, "never" and null.
func (e *Expiry) UnmarshalJSON(b []byte) error {
	if bytes.Equal(bytes.TrimSpace(b), []byte(`"never"`)) {
		*e = Expiry{}
		return nil
	}
	return e.Time.UnmarshalJSON(b)
}

// MarshalJSON encodes "never", or the date as Time does.
func (e Expiry) MarshalJSON() ([]byte, error) {
	if e.IsZero() {
		return []byte(`"never"`), nil
	}
	return json.Marshal(e.Time)
}

// CustomerDownloadsService lists what customers may download, under
// /customers/{customer_id}/downloads (read-only).
type CustomerDownloadsService struct{ c *Client }

// List returns every download available to customerID. The store sends them
// all at once: the list is not paginated.
func (s *CustomerDownloadsService) List(ctx context.Context, customerID int64) ([]CustomerDownload, error) {
	op := fmt.Sprintf("list downloads of customer %d", customerID)
	if err := checkID(op, customerID); err != nil {
		return nil, err
	}
	out, err := get[[]CustomerDownload](ctx, s.c, op, fmt.Sprintf("customers/%d/downloads", customerID), nil)
	if err != nil {
		return nil, err
	}
	return *out, nil
}
