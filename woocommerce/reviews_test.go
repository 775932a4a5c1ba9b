package woocommerce

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestReviewDecode(t *testing.T) {
	t.Parallel()
	r := assertRoundTrip[Review](t, jsonFixture(t, "review-get.json"))
	assert.Equal(t, int64(41), r.ID)
	assert.Equal(t, int64(12), r.ProductID)
	assert.Equal(t, "approved", r.Status)
	assert.Equal(t, int64(5), r.Rating)
	assert.True(t, r.Verified)
	assert.Equal(t, "<p>Warm &amp; soft.</p>\n", r.Review)
	assert.Equal(t, time.Date(2026, 11, 27, 6, 45, 12, 0, time.UTC), r.DateCreatedGMT.Time)
	assert.Len(t, r.ReviewerAvatarURLs, 3)

	// A forced delete answers {"deleted": true, "previous": {...}}.
	var d Review
	require.NoError(t, d.UnmarshalJSON(jsonFixture(t, "review-delete-force.json")))
	assert.Equal(t, int64(41), d.ID)
	assert.Equal(t, "Ana Lima", d.Reviewer)

	// A review whose text mentions "previous" is not mistaken for the envelope.
	var p Review
	require.NoError(t, p.UnmarshalJSON([]byte(`{"id":7,"review":"better than the \"previous\" one","rating":null}`)))
	assert.Equal(t, int64(7), p.ID)
	assert.Equal(t, int64(0), p.Rating)
}

func TestReviewOperations(t *testing.T) {
	t.Parallel()
	review := jsonFixture(t, "review-get.json")
	loc := time.FixedZone("X", 3600)
	runOps(t, []opCase{
		{name: "get", method: http.MethodGet, path: "products/reviews/41", respond: review,
			call: func(ctx context.Context, c *Client) error {
				r, err := c.Reviews.Get(ctx, 41)
				if err == nil && r.ID != 41 {
					t.Errorf("decoded id %d", r.ID)
				}
				return err
			}},
		{name: "list with filters", method: http.MethodGet, path: "products/reviews", respond: []byte("[]"),
			query: url.Values{"per_page": {"100"}, "product": {"12,13"}, "status": {"all"}, "reviewer": {"3"}, "reviewer_exclude": {"4,5"},
				"reviewer_email": {"ana@example.com"}, "after": {"2026-11-27T08:00:00+01:00"}, "before": {"2026-11-28T00:00:00Z"},
				"include": {"41"}, "exclude": {"40"}, "offset": {"2"}, "order": {"asc"}, "orderby": {"date_gmt"}, "search": {"warm"}},
			call: func(ctx context.Context, c *Client) error {
				_, _, err := c.Reviews.List(ctx, &ReviewListOptions{ListOptions: ListOptions{PerPage: 100}, Product: []int64{12, 13},
					Status: "all", Reviewer: []int64{3}, ReviewerExclude: []int64{4, 5}, ReviewerEmail: "ana@example.com",
					After: time.Date(2026, 11, 27, 8, 0, 0, 0, loc), Before: time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC),
					Include: []int64{41}, Exclude: []int64{40}, Offset: 2, Order: "asc", OrderBy: "date_gmt", Search: "warm"})
				return err
			}},
		{name: "all", method: http.MethodGet, path: "products/reviews", respond: []byte("[" + string(review) + "]"),
			query: url.Values{"page": {"1"}, "orderby": {"id"}, "order": {"asc"}, "status": {"hold"}},
			call: func(ctx context.Context, c *Client) error {
				n := 0
				for r, err := range c.Reviews.All(ctx, &ReviewListOptions{Status: "hold"}) {
					if err != nil {
						return err
					}
					assert.Equal(t, int64(41), r.ID)
					n++
				}
				assert.Equal(t, 1, n)
				return nil
			}},
		{name: "create", method: http.MethodPost, path: "products/reviews", respond: review,
			body: `{"product_id":12,"review":"Nice","reviewer":"Ana","reviewer_email":"ana@example.com","rating":0}`,
			call: func(ctx context.Context, c *Client) error {
				_, err := c.Reviews.Create(ctx, ReviewRequest{ProductID: 12, Review: "Nice", Reviewer: "Ana", ReviewerEmail: "ana@example.com", Rating: Ptr(int64(0))})
				return err
			}},
		{name: "update", method: http.MethodPut, path: "products/reviews/41", respond: review, body: `{"status":"spam"}`,
			call: func(ctx context.Context, c *Client) error {
				_, err := c.Reviews.Update(ctx, 41, ReviewRequest{Status: "spam"})
				return err
			}},
		{name: "trash", method: http.MethodDelete, path: "products/reviews/41", respond: review,
			call: func(ctx context.Context, c *Client) error { _, err := c.Reviews.Delete(ctx, 41, false); return err }},
		{name: "force delete unwraps previous", method: http.MethodDelete, path: "products/reviews/41", query: url.Values{"force": {"true"}},
			respond: jsonFixture(t, "review-delete-force.json"),
			call: func(ctx context.Context, c *Client) error {
				r, err := c.Reviews.Delete(ctx, 41, true)
				if err == nil {
					assert.Equal(t, int64(41), r.ID)
					assert.Equal(t, "ana@example.com", r.ReviewerEmail)
				}
				return err
			}},
		{name: "batch", method: http.MethodPost, path: "products/reviews/batch", respond: jsonFixture(t, "review-batch.json"),
			body: `{"create":[{"product_id":12,"review":"Ok","reviewer":"Bo","reviewer_email":"bo@example.com"}],"update":[{"id":999,"status":"approved"}],"delete":[41]}`,
			call: func(ctx context.Context, c *Client) error {
				res, err := c.Reviews.Batch(ctx, BatchRequest[ReviewRequest]{
					Create: []ReviewRequest{{ProductID: 12, Review: "Ok", Reviewer: "Bo", ReviewerEmail: "bo@example.com"}},
					Update: []BatchUpdate[ReviewRequest]{{ID: 999, Request: ReviewRequest{Status: "approved"}}},
					Delete: []int64{41},
				})
				if err != nil {
					return err
				}
				require.Len(t, res.Create, 1)
				assert.Equal(t, int64(42), res.Create[0].ID)
				require.Len(t, res.Update, 1)
				assert.True(t, errors.Is(res.Update[0].Err, ErrNotFound))
				require.Len(t, res.Delete, 1)
				assert.Equal(t, int64(41), res.Delete[0].ID, "id taken from the previous review")
				require.NotNil(t, res.Delete[0].Item)
				assert.Equal(t, "Ana Lima", res.Delete[0].Item.Reviewer)
				assert.Equal(t, 1, res.Failed())
				return nil
			}},
	})
}
