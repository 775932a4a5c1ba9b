package nexopos

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"strings"
)

// Built-in payment type identifiers.
const (
	PaymentCash    = "cash-payment"
	PaymentBank    = "bank-payment"
	PaymentAccount = "account-payment"
)

// PaymentType is a way to pay an order. Orders refer to it by Identifier;
// only active ones are accepted.
type PaymentType struct {
	ID         int64  `json:"id"`
	Label      string `json:"label"`
	Identifier string `json:"identifier"`
	// Active payment types are accepted by orders (CRUD lists show "Yes").
	Active      bool   `json:"active"`
	Priority    int64  `json:"priority"`
	Description string `json:"description"`
	// Readonly marks the built-in types.
	Readonly  bool  `json:"readonly"`
	AuthorID  int64 `json:"author_id" alt:"author"`
	CreatedAt Time  `json:"created_at"`
	UpdatedAt Time  `json:"updated_at"`
	// Display holds display strings of CRUD list columns; list rows only.
	Display map[string]string `json:"$display,omitempty"`
}

// UnmarshalJSON decodes a payment type from any NexoPOS version.
func (p *PaymentType) UnmarshalJSON(b []byte) error { return decodeObject(b, p) }

// PaymentTypeInput is what PaymentTypesService.Create and Update send.
type PaymentTypeInput struct {
	// Label is required.
	Label string
	// Identifier is unique; NexoPOS derives it from Label when empty.
	Identifier  string
	Active      bool
	Priority    int64
	Description string
}

type paymentTypeForm struct {
	Label   string             `json:"label"`
	General paymentTypeGeneral `json:"general"`
}

type paymentTypeGeneral struct {
	Identifier  string `json:"identifier"`
	Active      bool   `json:"active"`
	Priority    int64  `json:"priority"`
	Description string `json:"description,omitempty"`
}

func (in PaymentTypeInput) form() (*paymentTypeForm, error) {
	if strings.TrimSpace(in.Label) == "" {
		return nil, invalid(errors.New("label is required"))
	}
	if in.Priority < 0 {
		return nil, invalid(errors.New("priority must not be negative"))
	}
	return &paymentTypeForm{Label: in.Label, General: paymentTypeGeneral{
		Identifier: in.Identifier, Active: in.Active, Priority: in.Priority, Description: in.Description,
	}}, nil
}

// PaymentTypesService reads and writes payment types (ns.payments-types).
type PaymentTypesService service

var paymentTypesList = crudList{namespace: NamespacePaymentTypes}

// Create creates a payment type.
func (s *PaymentTypesService) Create(ctx context.Context, in PaymentTypeInput) (*PaymentType, error) {
	const op = "create payment type"
	form, err := in.form()
	if err != nil {
		return nil, wrap(op, err)
	}
	p, err := createCRUD[PaymentType](ctx, s.c, NamespacePaymentTypes, form)
	return p, wrap(op, err)
}

// Update replaces payment type id with in.
func (s *PaymentTypesService) Update(ctx context.Context, id int64, in PaymentTypeInput) (*PaymentType, error) {
	op := fmt.Sprintf("update payment type %d", id)
	form, err := in.form()
	if err != nil {
		return nil, wrap(op, err)
	}
	p, err := updateCRUD[PaymentType](ctx, s.c, NamespacePaymentTypes, id, form)
	return p, wrap(op, err)
}

// Delete deletes payment type id.
func (s *PaymentTypesService) Delete(ctx context.Context, id int64) error {
	return wrap(fmt.Sprintf("delete payment type %d", id), deleteCRUD(ctx, s.c, NamespacePaymentTypes, id))
}

// List returns one page of payment types.
func (s *PaymentTypesService) List(ctx context.Context, opts *ListOptions) (*Page[PaymentType], error) {
	p, err := listCRUD[PaymentType](ctx, s.c, paymentTypesList, opts)
	return p, wrap("list payment types", err)
}

// All iterates over every payment type from opts.Page on.
func (s *PaymentTypesService) All(ctx context.Context, opts *ListOptions) iter.Seq2[PaymentType, error] {
	return iterateCRUD[PaymentType](ctx, s.c, paymentTypesList, opts, "list payment types")
}
