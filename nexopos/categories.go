package nexopos

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"strings"
)

// Category is a product category. Root categories have ParentID 0 (NexoPOS
// stores null or 0).
type Category struct {
	ID            int64  `json:"id"`
	Name          string `json:"name"`
	ParentID      int64  `json:"parent_id"`
	Description   string `json:"description"`
	MediaID       int64  `json:"media_id"`
	PreviewURL    string `json:"preview_url"`
	DisplaysOnPOS bool   `json:"displays_on_pos"`
	// TotalItems counts the category's products.
	TotalItems int64  `json:"total_items"`
	AuthorID   int64  `json:"author_id" alt:"author"`
	UUID       string `json:"uuid"`
	CreatedAt  Time   `json:"created_at"`
	UpdatedAt  Time   `json:"updated_at"`
	// ParentName is set in CRUD list rows ("No Parent" for roots).
	ParentName string `json:"parent_name,omitempty"`
	// Display holds display strings of CRUD list columns; list rows only.
	Display map[string]string `json:"$display,omitempty"`
}

// UnmarshalJSON decodes a category from any NexoPOS version.
func (c *Category) UnmarshalJSON(b []byte) error { return decodeObject(b, c) }

// CategoryInput is what Create and Update send
// ({name, parent_id, description, media_id}).
type CategoryInput struct {
	// Name is required.
	Name string `json:"name"`
	// ParentID 0 makes a root category.
	ParentID    int64  `json:"parent_id"`
	Description string `json:"description"`
	// MediaID is a media library id; 0 sends none.
	MediaID int64 `json:"media_id,omitempty"`
}

func (in CategoryInput) validate() error {
	if strings.TrimSpace(in.Name) == "" {
		return invalid(errors.New("name is required"))
	}
	if in.ParentID < 0 || in.MediaID < 0 {
		return invalid(errors.New("parent id and media id must not be negative"))
	}
	return nil
}

// CategoriesService reads and writes product categories.
type CategoriesService service

var categoriesList = crudList{namespace: NamespaceCategories}

type categorySaved struct {
	Category Category `json:"category"`
}

// Get returns category id.
func (s *CategoriesService) Get(ctx context.Context, id int64) (*Category, error) {
	op := fmt.Sprintf("get category %d", id)
	if err := checkID(id); err != nil {
		return nil, wrap(op, err)
	}
	var c Category
	if err := s.c.call(ctx, "GET", idPath("categories", id), nil, nil, &c); err != nil {
		return nil, wrap(op, err)
	}
	if c.ID == 0 {
		return nil, wrap(op, &APIError{StatusCode: 404, Message: "empty answer", kind: ErrNotFound})
	}
	return &c, nil
}

// Create creates a category.
func (s *CategoriesService) Create(ctx context.Context, in CategoryInput) (*Category, error) {
	const op = "create category"
	if err := in.validate(); err != nil {
		return nil, wrap(op, err)
	}
	var env envelope[categorySaved]
	if err := s.c.call(ctx, "POST", "categories", nil, in, &env); err != nil {
		return nil, wrap(op, err)
	}
	return &env.Data.Category, nil
}

// Update replaces category id with in.
func (s *CategoriesService) Update(ctx context.Context, id int64, in CategoryInput) (*Category, error) {
	op := fmt.Sprintf("update category %d", id)
	if err := checkID(id); err != nil {
		return nil, wrap(op, err)
	}
	if err := in.validate(); err != nil {
		return nil, wrap(op, err)
	}
	var env envelope[categorySaved]
	if err := s.c.call(ctx, "PUT", idPath("categories", id), nil, in, &env); err != nil {
		return nil, wrap(op, err)
	}
	return &env.Data.Category, nil
}

// Delete deletes category id. NexoPOS refuses to delete a category with
// sub-categories (answered 404; reported as ErrForbidden).
func (s *CategoriesService) Delete(ctx context.Context, id int64) error {
	op := fmt.Sprintf("delete category %d", id)
	if err := checkID(id); err != nil {
		return wrap(op, err)
	}
	return wrap(op, s.c.call(ctx, "DELETE", idPath("categories", id), nil, nil, nil))
}

// List returns one page of ns.products-categories.
func (s *CategoriesService) List(ctx context.Context, opts *ListOptions) (*Page[Category], error) {
	p, err := listCRUD[Category](ctx, s.c, categoriesList, opts)
	return p, wrap("list categories", err)
}

// All iterates over every category from opts.Page on, however many there
// are.
func (s *CategoriesService) All(ctx context.Context, opts *ListOptions) iter.Seq2[Category, error] {
	return iterateCRUD[Category](ctx, s.c, categoriesList, opts, "list categories")
}
