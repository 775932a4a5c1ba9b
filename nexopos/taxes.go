package nexopos

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"strings"
)

// Tax is one tax rate of a tax group. Rate is a percentage ("10" is 10 %).
type Tax struct {
	ID          int64   `json:"id"`
	Name        string  `json:"name"`
	Description string  `json:"description"`
	Rate        Decimal `json:"rate"`
	TaxGroupID  int64   `json:"tax_group_id"`
	AuthorID    int64   `json:"author_id" alt:"author"`
	UUID        string  `json:"uuid"`
	CreatedAt   Time    `json:"created_at"`
	UpdatedAt   Time    `json:"updated_at"`
	// Display holds display strings of CRUD list columns; list rows only.
	Display map[string]string `json:"$display,omitempty"`
}

// UnmarshalJSON decodes a tax from any NexoPOS version (CRUD answers send
// "rate":"10").
func (t *Tax) UnmarshalJSON(b []byte) error { return decodeObject(b, t) }

// TaxGroup is a set of taxes applied together; products and orders refer
// to it.
type TaxGroup struct {
	ID          int64  `json:"id"`
	Name        string `json:"name"`
	Description string `json:"description"`
	AuthorID    int64  `json:"author_id" alt:"author"`
	UUID        string `json:"uuid"`
	CreatedAt   Time   `json:"created_at"`
	UpdatedAt   Time   `json:"updated_at"`
	// Taxes are sent by TaxGroupsService.Get.
	Taxes []Tax `json:"taxes,omitempty"`
	// Display holds display strings of CRUD list columns; list rows only.
	Display map[string]string `json:"$display,omitempty"`
}

// UnmarshalJSON decodes a tax group from any NexoPOS version.
func (g *TaxGroup) UnmarshalJSON(b []byte) error { return decodeObject(b, g) }

// TaxInput is what TaxesService.Create and Update send.
type TaxInput struct {
	// Name, Rate and TaxGroupID are required.
	Name        string
	Rate        Decimal
	TaxGroupID  int64
	Description string
}

type taxForm struct {
	Name    string     `json:"name"`
	General taxGeneral `json:"general"`
}

type taxGeneral struct {
	Rate        number `json:"rate"`
	TaxGroupID  int64  `json:"tax_group_id"`
	Description string `json:"description,omitempty"`
}

func (in TaxInput) form() (*taxForm, error) {
	if strings.TrimSpace(in.Name) == "" || in.TaxGroupID <= 0 {
		return nil, invalid(errors.New("name and tax group id are required"))
	}
	if !in.Rate.Valid() || in.Rate.Sign() < 0 {
		return nil, invalid(errors.New("rate must be set and not negative"))
	}
	return &taxForm{Name: in.Name, General: taxGeneral{Rate: number(in.Rate), TaxGroupID: in.TaxGroupID, Description: in.Description}}, nil
}

// TaxesService reads and writes taxes.
type TaxesService service

var taxesList = crudList{namespace: NamespaceTaxes}

// Get returns tax id.
func (s *TaxesService) Get(ctx context.Context, id int64) (*Tax, error) {
	op := fmt.Sprintf("get tax %d", id)
	if err := checkID(id); err != nil {
		return nil, wrap(op, err)
	}
	var t Tax
	if err := s.c.call(ctx, "GET", idPath("taxes", id), nil, nil, &t); err != nil {
		return nil, wrap(op, err)
	}
	return &t, nil
}

// Create creates a tax.
func (s *TaxesService) Create(ctx context.Context, in TaxInput) (*Tax, error) {
	const op = "create tax"
	form, err := in.form()
	if err != nil {
		return nil, wrap(op, err)
	}
	t, err := createCRUD[Tax](ctx, s.c, NamespaceTaxes, form)
	return t, wrap(op, err)
}

// Update replaces tax id with in.
func (s *TaxesService) Update(ctx context.Context, id int64, in TaxInput) (*Tax, error) {
	op := fmt.Sprintf("update tax %d", id)
	form, err := in.form()
	if err != nil {
		return nil, wrap(op, err)
	}
	t, err := updateCRUD[Tax](ctx, s.c, NamespaceTaxes, id, form)
	return t, wrap(op, err)
}

// Delete deletes tax id.
func (s *TaxesService) Delete(ctx context.Context, id int64) error {
	return wrap(fmt.Sprintf("delete tax %d", id), deleteCRUD(ctx, s.c, NamespaceTaxes, id))
}

// List returns one page of ns.taxes.
func (s *TaxesService) List(ctx context.Context, opts *ListOptions) (*Page[Tax], error) {
	p, err := listCRUD[Tax](ctx, s.c, taxesList, opts)
	return p, wrap("list taxes", err)
}

// All iterates over every tax from opts.Page on.
func (s *TaxesService) All(ctx context.Context, opts *ListOptions) iter.Seq2[Tax, error] {
	return iterateCRUD[Tax](ctx, s.c, taxesList, opts, "list taxes")
}

// TaxGroupsService reads and writes tax groups.
type TaxGroupsService service

var taxGroupsList = crudList{namespace: NamespaceTaxGroups}

// Get returns tax group id with its taxes. NexoPOS answers a missing group
// with 404 (ErrNotFound).
func (s *TaxGroupsService) Get(ctx context.Context, id int64) (*TaxGroup, error) {
	op := fmt.Sprintf("get tax group %d", id)
	if err := checkID(id); err != nil {
		return nil, wrap(op, err)
	}
	var g TaxGroup
	if err := s.c.call(ctx, "GET", idPath("taxes/groups", id), nil, nil, &g); err != nil {
		return nil, wrap(op, err)
	}
	return &g, nil
}

// Create creates a tax group.
func (s *TaxGroupsService) Create(ctx context.Context, in NamedInput) (*TaxGroup, error) {
	const op = "create tax group"
	form, err := in.form()
	if err != nil {
		return nil, wrap(op, err)
	}
	g, err := createCRUD[TaxGroup](ctx, s.c, NamespaceTaxGroups, form)
	return g, wrap(op, err)
}

// Update replaces tax group id with in.
func (s *TaxGroupsService) Update(ctx context.Context, id int64, in NamedInput) (*TaxGroup, error) {
	op := fmt.Sprintf("update tax group %d", id)
	form, err := in.form()
	if err != nil {
		return nil, wrap(op, err)
	}
	g, err := updateCRUD[TaxGroup](ctx, s.c, NamespaceTaxGroups, id, form)
	return g, wrap(op, err)
}

// Delete deletes tax group id.
func (s *TaxGroupsService) Delete(ctx context.Context, id int64) error {
	return wrap(fmt.Sprintf("delete tax group %d", id), deleteCRUD(ctx, s.c, NamespaceTaxGroups, id))
}

// List returns one page of ns.taxes-groups.
func (s *TaxGroupsService) List(ctx context.Context, opts *ListOptions) (*Page[TaxGroup], error) {
	p, err := listCRUD[TaxGroup](ctx, s.c, taxGroupsList, opts)
	return p, wrap("list tax groups", err)
}

// All iterates over every tax group from opts.Page on.
func (s *TaxGroupsService) All(ctx context.Context, opts *ListOptions) iter.Seq2[TaxGroup, error] {
	return iterateCRUD[TaxGroup](ctx, s.c, taxGroupsList, opts, "list tax groups")
}
