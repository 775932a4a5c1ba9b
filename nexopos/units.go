package nexopos

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"strings"
)

// Unit is a unit of measure (piece, dozen, ...). Value is how many base
// units of its group it holds.
type Unit struct {
	ID          int64   `json:"id"`
	Name        string  `json:"name"`
	Identifier  string  `json:"identifier"`
	Description string  `json:"description"`
	GroupID     int64   `json:"group_id"`
	Value       Decimal `json:"value"`
	BaseUnit    bool    `json:"base_unit"`
	PreviewURL  string  `json:"preview_url"`
	AuthorID    int64   `json:"author_id" alt:"author"`
	UUID        string  `json:"uuid"`
	CreatedAt   Time    `json:"created_at"`
	UpdatedAt   Time    `json:"updated_at"`
	// GroupName is set in CRUD list rows.
	GroupName string `json:"group_name,omitempty"`
	// Display holds display strings of CRUD list columns; list rows only.
	Display map[string]string `json:"$display,omitempty"`
}

// UnmarshalJSON decodes a unit from any NexoPOS version.
func (u *Unit) UnmarshalJSON(b []byte) error { return decodeObject(b, u) }

// UnitInput is what UnitsService.Create and Update send (the ns.units
// form; the plain /api/units route skips a required column).
type UnitInput struct {
	// Name, Identifier and GroupID are required.
	Name       string
	Identifier string
	GroupID    int64
	// Value is how many base units this unit holds (1 for the base unit).
	Value Decimal
	// BaseUnit marks the group's base unit.
	BaseUnit    bool
	Description string
}

type unitForm struct {
	Name    string      `json:"name"`
	General unitGeneral `json:"general"`
}

type unitGeneral struct {
	Identifier  string `json:"identifier"`
	GroupID     int64  `json:"group_id"`
	Value       number `json:"value"`
	BaseUnit    bool   `json:"base_unit"`
	Description string `json:"description,omitempty"`
}

func (in UnitInput) form() (*unitForm, error) {
	if strings.TrimSpace(in.Name) == "" || strings.TrimSpace(in.Identifier) == "" || in.GroupID <= 0 {
		return nil, invalid(errors.New("name, identifier and group id are required"))
	}
	if !in.Value.Valid() || in.Value.Sign() <= 0 {
		return nil, invalid(errors.New("value must be positive"))
	}
	return &unitForm{Name: in.Name, General: unitGeneral{
		Identifier: in.Identifier, GroupID: in.GroupID, Value: number(in.Value), BaseUnit: in.BaseUnit,
		Description: in.Description,
	}}, nil
}

// UnitsService reads and writes units.
type UnitsService service

var unitsList = crudList{namespace: NamespaceUnits}

// Get returns unit id. NexoPOS answers a missing unit with a 500 ("Array to
// string conversion"); it is reported as ErrNotFound.
func (s *UnitsService) Get(ctx context.Context, id int64) (*Unit, error) {
	op := fmt.Sprintf("get unit %d", id)
	if err := checkID(id); err != nil {
		return nil, wrap(op, err)
	}
	var u Unit
	if err := s.c.call(ctx, "GET", idPath("units", id), nil, nil, &u); err != nil {
		var apiErr *APIError
		if errors.As(err, &apiErr) && apiErr.StatusCode == 500 && apiErr.Message == "Array to string conversion" {
			apiErr.kind = ErrNotFound
		}
		return nil, wrap(op, err)
	}
	return &u, nil
}

// Create creates a unit.
func (s *UnitsService) Create(ctx context.Context, in UnitInput) (*Unit, error) {
	const op = "create unit"
	form, err := in.form()
	if err != nil {
		return nil, wrap(op, err)
	}
	u, err := createCRUD[Unit](ctx, s.c, NamespaceUnits, form)
	return u, wrap(op, err)
}

// Update replaces unit id with in.
func (s *UnitsService) Update(ctx context.Context, id int64, in UnitInput) (*Unit, error) {
	op := fmt.Sprintf("update unit %d", id)
	form, err := in.form()
	if err != nil {
		return nil, wrap(op, err)
	}
	u, err := updateCRUD[Unit](ctx, s.c, NamespaceUnits, id, form)
	return u, wrap(op, err)
}

// Delete deletes unit id.
func (s *UnitsService) Delete(ctx context.Context, id int64) error {
	return wrap(fmt.Sprintf("delete unit %d", id), deleteCRUD(ctx, s.c, NamespaceUnits, id))
}

// List returns one page of ns.units.
func (s *UnitsService) List(ctx context.Context, opts *ListOptions) (*Page[Unit], error) {
	p, err := listCRUD[Unit](ctx, s.c, unitsList, opts)
	return p, wrap("list units", err)
}

// All iterates over every unit from opts.Page on.
func (s *UnitsService) All(ctx context.Context, opts *ListOptions) iter.Seq2[Unit, error] {
	return iterateCRUD[Unit](ctx, s.c, unitsList, opts, "list units")
}

// UnitGroup groups units that convert into each other.
type UnitGroup struct {
	ID          int64  `json:"id"`
	Name        string `json:"name"`
	Description string `json:"description"`
	AuthorID    int64  `json:"author_id" alt:"author"`
	UUID        string `json:"uuid"`
	CreatedAt   Time   `json:"created_at"`
	UpdatedAt   Time   `json:"updated_at"`
	// Display holds display strings of CRUD list columns; list rows only.
	Display map[string]string `json:"$display,omitempty"`
}

// UnmarshalJSON decodes a unit group from any NexoPOS version.
func (g *UnitGroup) UnmarshalJSON(b []byte) error { return decodeObject(b, g) }

// NamedInput is the form of the records that have only a name and a
// description (unit groups, tax groups).
type NamedInput struct {
	// Name is required.
	Name        string
	Description string
}

type namedForm struct {
	Name    string       `json:"name"`
	General namedGeneral `json:"general"`
}

type namedGeneral struct {
	Description string `json:"description,omitempty"`
}

func (in NamedInput) form() (*namedForm, error) {
	if strings.TrimSpace(in.Name) == "" {
		return nil, invalid(errors.New("name is required"))
	}
	return &namedForm{Name: in.Name, General: namedGeneral{Description: in.Description}}, nil
}

// UnitGroupsService reads and writes unit groups.
type UnitGroupsService service

var unitGroupsList = crudList{namespace: NamespaceUnitGroups}

// Get returns unit group id.
func (s *UnitGroupsService) Get(ctx context.Context, id int64) (*UnitGroup, error) {
	op := fmt.Sprintf("get unit group %d", id)
	if err := checkID(id); err != nil {
		return nil, wrap(op, err)
	}
	var g UnitGroup
	if err := s.c.call(ctx, "GET", idPath("units-groups", id), nil, nil, &g); err != nil {
		return nil, wrap(op, err)
	}
	return &g, nil
}

// Units returns the units of group id.
func (s *UnitGroupsService) Units(ctx context.Context, id int64) ([]Unit, error) {
	op := fmt.Sprintf("get units of unit group %d", id)
	if err := checkID(id); err != nil {
		return nil, wrap(op, err)
	}
	var out []Unit
	if err := s.c.call(ctx, "GET", idPath("units-groups", id)+"/units", nil, nil, &out); err != nil {
		return nil, wrap(op, err)
	}
	return out, nil
}

// Create creates a unit group.
func (s *UnitGroupsService) Create(ctx context.Context, in NamedInput) (*UnitGroup, error) {
	const op = "create unit group"
	form, err := in.form()
	if err != nil {
		return nil, wrap(op, err)
	}
	g, err := createCRUD[UnitGroup](ctx, s.c, NamespaceUnitGroups, form)
	return g, wrap(op, err)
}

// Update replaces unit group id with in.
func (s *UnitGroupsService) Update(ctx context.Context, id int64, in NamedInput) (*UnitGroup, error) {
	op := fmt.Sprintf("update unit group %d", id)
	form, err := in.form()
	if err != nil {
		return nil, wrap(op, err)
	}
	g, err := updateCRUD[UnitGroup](ctx, s.c, NamespaceUnitGroups, id, form)
	return g, wrap(op, err)
}

// Delete deletes unit group id.
func (s *UnitGroupsService) Delete(ctx context.Context, id int64) error {
	return wrap(fmt.Sprintf("delete unit group %d", id), deleteCRUD(ctx, s.c, NamespaceUnitGroups, id))
}

// List returns one page of ns.units-groups.
func (s *UnitGroupsService) List(ctx context.Context, opts *ListOptions) (*Page[UnitGroup], error) {
	p, err := listCRUD[UnitGroup](ctx, s.c, unitGroupsList, opts)
	return p, wrap("list unit groups", err)
}

// All iterates over every unit group from opts.Page on.
func (s *UnitGroupsService) All(ctx context.Context, opts *ListOptions) iter.Seq2[UnitGroup, error] {
	return iterateCRUD[UnitGroup](ctx, s.c, unitGroupsList, opts, "list unit groups")
}
