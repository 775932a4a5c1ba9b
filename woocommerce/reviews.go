package woocommerce

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"time"
)

// Review is a product review (GET /products/reviews/{id}).
type Review struct {
	ID             int64 `json:"id"`
	DateCreated    Time  `json:"date_created"`
	DateCreatedGMT Time  `json:"date_created_gmt"`
	ProductID      int64 `json:"product_id"`
	// ProductName and ProductPermalink are sent by WooCommerce 6.6 and
	// later.
	ProductName      string `json:"product_name,omitzero"`
	ProductPermalink string `json:"product_permalink,omitzero"`
	// Status is approved, hold, spam or trash.
	Status        string `json:"status"`
	Reviewer      string `json:"reviewer"`
	ReviewerEmail string `json:"reviewer_email"`
	// Review is the text; HTML paragraphs are added in the view context.
	Review string `json:"review"`
	// Rating is 0 (none) to 5.
	Rating int64 `json:"rating"`
	// Verified reports whether the reviewer bought the product.
	Verified bool `json:"verified"`
	// ReviewerAvatarURLs maps a size in pixels ("24", "48", "96") to a URL;
	// sent only when the site shows avatars.
	ReviewerAvatarURLs map[string]string `json:"reviewer_avatar_urls,omitzero"`
	Links              Links             `json:"_links,omitzero"`
}

// UnmarshalJSON decodes a review, also from the {"deleted": true,
// "previous": {...}} envelope WooCommerce answers to a forced delete, alone
// or inside a batch answer.
func (r *Review) UnmarshalJSON(b []byte) error {
	type plain Review
	if bytes.Contains(b, []byte(`"previous"`)) {
		var env struct {
			Deleted  *bool           `json:"deleted"`
			Previous json.RawMessage `json:"previous"`
		}
		if json.Unmarshal(b, &env) == nil && env.Deleted != nil {
			if p := bytes.TrimSpace(env.Previous); len(p) > 0 && p[0] == '{' {
				b = p
			}
		}
	}
	var p plain
	if err := json.Unmarshal(b, &p); err != nil {
		return err
	}
	*r = Review(p)
	return nil
}

// ReviewRequest creates or updates a review; only set fields are sent.
// ProductID, Review, Reviewer and ReviewerEmail are required on create.
type ReviewRequest struct {
	ProductID     int64  `json:"product_id,omitzero"`
	Review        string `json:"review,omitzero"`
	Reviewer      string `json:"reviewer,omitzero"`
	ReviewerEmail string `json:"reviewer_email,omitzero"`
	Rating        *int64 `json:"rating,omitempty"`
	// Status is approved, hold, spam, unspam, trash or untrash.
	Status string `json:"status,omitzero"`
}

// ReviewListOptions filters GET /products/reviews.
type ReviewListOptions struct {
	ListOptions
	Search string `url:"search,omitempty"`
	// After and Before limit by publication date. They are sent with their
	// offset and compared by WordPress with the review's date in the
	// store's time zone.
	After   time.Time `url:"after,omitempty" layout:"2006-01-02T15:04:05Z07:00"`
	Before  time.Time `url:"before,omitempty" layout:"2006-01-02T15:04:05Z07:00"`
	Include []int64   `url:"include,comma,omitempty"`
	Exclude []int64   `url:"exclude,comma,omitempty"`
	// Offset skips this many reviews; it takes precedence over Page.
	Offset int `url:"offset,omitempty"`
	// Order is asc or desc (the default).
	Order string `url:"order,omitempty"`
	// OrderBy is date, date_gmt (the default), id, include or product.
	OrderBy string `url:"orderby,omitempty"`
	// Reviewer limits to reviews by these user ids.
	Reviewer []int64 `url:"reviewer,comma,omitempty"`
	// ReviewerExclude leaves out reviews by these user ids.
	ReviewerExclude []int64 `url:"reviewer_exclude,comma,omitempty"`
	ReviewerEmail   string  `url:"reviewer_email,omitempty"`
	// Product limits to reviews of these products.
	Product []int64 `url:"product,comma,omitempty"`
	// Status is all, hold, approved (the store's default), spam or trash.
	Status string `url:"status,omitempty"`
}

// ReviewsService manages product reviews under /products/reviews.
type ReviewsService struct{ c *Client }

func reviewPath(id int64) string { return fmt.Sprintf("products/reviews/%d", id) }

// Get returns the review with id.
func (s *ReviewsService) Get(ctx context.Context, id int64) (*Review, error) {
	op := fmt.Sprintf("get review %d", id)
	if err := checkID(op, id); err != nil {
		return nil, err
	}
	return get[Review](ctx, s.c, op, reviewPath(id), nil)
}

// List returns one page of reviews. The store lists only approved reviews
// unless opts.Status says otherwise.
func (s *ReviewsService) List(ctx context.Context, opts *ReviewListOptions) ([]Review, *Page, error) {
	return list[Review](ctx, s.c, "list reviews", "products/reviews", opts)
}

// All iterates over every review matching opts. When opts sets no OrderBy it
// sorts by id (ascending unless opts.Order says otherwise), so that each of
// the reviews comes exactly once: the store's default order, by date_gmt,
// gives reviews that tie no stable order across pages. An OrderBy set in
// opts is kept; one that is not unique (date, date_gmt, product, ...) can
// repeat or skip reviews across pages.
func (s *ReviewsService) All(ctx context.Context, opts *ReviewListOptions) iter.Seq2[Review, error] {
	return all[Review](ctx, s.c, "list reviews", "products/reviews", opts)
}

// Create creates a review. It is not retried after a 5xx; the store answers
// 409 woocommerce_rest_comment_duplicate to the same review sent twice.
func (s *ReviewsService) Create(ctx context.Context, req ReviewRequest) (*Review, error) {
	return create[Review](ctx, s.c, "create review", "products/reviews", req)
}

// Update changes the fields set in req on review id.
func (s *ReviewsService) Update(ctx context.Context, id int64, req ReviewRequest) (*Review, error) {
	op := fmt.Sprintf("update review %d", id)
	if err := checkID(op, id); err != nil {
		return nil, err
	}
	return update[Review](ctx, s.c, op, reviewPath(id), req)
}

// Delete moves review id to the trash, or deletes it for good when force is
// true. Either way the review is returned as it was.
func (s *ReviewsService) Delete(ctx context.Context, id int64, force bool) (*Review, error) {
	op := fmt.Sprintf("delete review %d", id)
	if err := checkID(op, id); err != nil {
		return nil, err
	}
	return remove[Review](ctx, s.c, op, reviewPath(id), forceQuery(force))
}

// Batch creates, updates and deletes reviews (deletes are for good).
func (s *ReviewsService) Batch(ctx context.Context, req BatchRequest[ReviewRequest]) (*BatchResult[Review], error) {
	res, err := batch[Review](ctx, s.c, "batch reviews", "products/reviews", req)
	if res != nil {
		// A deleted review comes back as {"deleted": true, "previous": {...}},
		// with no id at the top: take it from the review itself.
		for i, it := range res.Delete {
			if it.ID == 0 && it.Item != nil {
				res.Delete[i].ID = it.Item.ID
			}
		}
	}
	return res, err
}
