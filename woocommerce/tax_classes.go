package woocommerce

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
)

// TaxClass is a tax class (GET /taxes/classes). The standard class is listed
// with the slug "standard".
type TaxClass struct {
	Slug  string `json:"slug"`
	Name  string `json:"name"`
	Links Links  `json:"_links,omitzero"`
}

// TaxClassRequest creates a tax class; the store derives the slug from Name.
type TaxClassRequest struct {
	Name string `json:"name"`
}

// TaxClassesService manages tax classes under /taxes/classes. Tax classes
// are identified by slug and cannot be updated.
type TaxClassesService struct{ c *Client }

// List returns every tax class, "standard" first. The list is not
// paginated.
func (s *TaxClassesService) List(ctx context.Context) ([]TaxClass, error) {
	out, err := get[[]TaxClass](ctx, s.c, "list tax classes", "taxes/classes", nil)
	if err != nil {
		return nil, err
	}
	return *out, nil
}

// taxClassAnswer decodes GET /taxes/classes/{slug}, which answers with a
// list holding the one class, and also a bare object.
type taxClassAnswer struct{ classes []TaxClass }

// UnmarshalJSON accepts a list of classes or one class object.
func (a *taxClassAnswer) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '{' {
		var c TaxClass
		if err := json.Unmarshal(b, &c); err != nil {
			return err
		}
		a.classes = []TaxClass{c}
		return nil
	}
	return json.Unmarshal(b, &a.classes)
}

// Get returns the tax class with slug. The store answers with a one-element
// list, which Get unwraps; older stores have no such route and answer 404
// rest_no_route.
func (s *TaxClassesService) Get(ctx context.Context, slug string) (*TaxClass, error) {
	op := fmt.Sprintf("get tax class %q", slug)
	seg, err := pathSegment(op, "slug", slug)
	if err != nil {
		return nil, err
	}
	out, err := get[taxClassAnswer](ctx, s.c, op, "taxes/classes/"+seg, nil)
	if err != nil {
		return nil, err
	}
	if len(out.classes) == 0 {
		return nil, fmt.Errorf("woocommerce: %s: %w", op, &APIError{StatusCode: http.StatusNotFound, Code: "woonexo_tax_class_not_found", Message: "the store answered with no tax class"})
	}
	return &out.classes[0], nil
}

// Create creates a tax class. It is not retried after a 5xx; a duplicate
// name fails with woocommerce_rest_tax_class_exists.
func (s *TaxClassesService) Create(ctx context.Context, req TaxClassRequest) (*TaxClass, error) {
	if req.Name == "" {
		return nil, fmt.Errorf("woocommerce: create tax class: empty name")
	}
	return create[TaxClass](ctx, s.c, "create tax class", "taxes/classes", req)
}

// Delete deletes the tax class with slug for good, with its tax rates.
func (s *TaxClassesService) Delete(ctx context.Context, slug string) (*TaxClass, error) {
	op := fmt.Sprintf("delete tax class %q", slug)
	seg, err := pathSegment(op, "slug", slug)
	if err != nil {
		return nil, err
	}
	return remove[TaxClass](ctx, s.c, op, "taxes/classes/"+seg, forceQuery(true))
}
