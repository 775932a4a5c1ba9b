package woocommerce

import (
	"context"
	"fmt"
	"net/url"
)

// pathSegment checks a string identifier (a settings group, a gateway id, a
// tax class slug, ...) and escapes it for use as one path segment, so that an
// id can never address another route.
func pathSegment(op, what, s string) (string, error) {
	switch s {
	case "":
		return "", fmt.Errorf("woocommerce: %s: empty %s", op, what)
	case ".", "..":
		return "", fmt.Errorf("woocommerce: %s: invalid %s %q", op, what, s)
	}
	return url.PathEscape(s), nil
}

// checkZoneID accepts 0, the id of the "Locations not covered by your other
// zones" zone, which GET and the methods routes address like any other.
func checkZoneID(op string, id int64) error {
	if id < 0 {
		return fmt.Errorf("woocommerce: %s: zone id must be 0 or more (got %d)", op, id)
	}
	return nil
}

// getList fetches a collection the store sends whole, with no pagination.
func getList[T any](ctx context.Context, c *Client, op, path string) ([]T, error) {
	out, err := get[[]T](ctx, c, op, path, nil)
	if err != nil {
		return nil, err
	}
	return *out, nil
}
