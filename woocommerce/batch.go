package woocommerce

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
)

// BatchRequest is a batch call: resources to create, update and delete
// together. R is the resource's request type (ProductRequest, ...). The
// store deletes batch items for good (force), never to the trash.
//
// A request with more items than the client's batch limit (100 unless
// WithBatchLimit says otherwise) is sent as several calls, creates first,
// then updates, then deletes, in order.
type BatchRequest[R any] struct {
	Create []R              `json:"create,omitempty"`
	Update []BatchUpdate[R] `json:"update,omitempty"`
	Delete []int64          `json:"delete,omitempty"`
}

// BatchUpdate is one update of a batch: the resource's id and the fields to
// change.
type BatchUpdate[R any] struct {
	ID      int64
	Request R
}

// MarshalJSON encodes the update as WooCommerce expects it: the request's
// fields with "id" added.
func (u BatchUpdate[R]) MarshalJSON() ([]byte, error) {
	b, err := json.Marshal(u.Request)
	if err != nil {
		return nil, err
	}
	b = bytes.TrimSpace(b)
	if len(b) < 2 || b[0] != '{' {
		return nil, fmt.Errorf("batch update %d: request must encode as a JSON object", u.ID)
	}
	out := make([]byte, 0, len(b)+24)
	out = append(out, `{"id":`...)
	out = strconv.AppendInt(out, u.ID, 10)
	if inner := bytes.TrimSpace(b[1 : len(b)-1]); len(inner) > 0 {
		out = append(out, ',')
		out = append(out, inner...)
	}
	return append(out, '}'), nil
}

// Len returns the number of items in the request.
func (r BatchRequest[R]) Len() int { return len(r.Create) + len(r.Update) + len(r.Delete) }

// BatchResult is the outcome of a batch call, item by item in the order of
// the request. The store answers 200 even when items fail, so look at each
// item's Err, or at Err() for all of them.
type BatchResult[T any] struct {
	Create []BatchItem[T]
	Update []BatchItem[T]
	Delete []BatchItem[T]
}

// BatchItem is the outcome of one batch item: the resource as the store
// returned it, or the item's own error.
type BatchItem[T any] struct {
	// ID is the resource's id; 0 for a create that failed.
	ID int64
	// Item is the resource after the operation; nil when Err is set.
	Item *T
	// Err is the item's error; nil when the item succeeded. Its StatusCode
	// is the status inside the item (the call answered 200), so errors.Is
	// works on it as on any *APIError.
	Err *APIError
}

// Failed returns the number of items that failed.
func (r *BatchResult[T]) Failed() int {
	n := 0
	for _, part := range [][]BatchItem[T]{r.Create, r.Update, r.Delete} {
		for _, it := range part {
			if it.Err != nil {
				n++
			}
		}
	}
	return n
}

// Err joins the errors of the failed items, each prefixed with its place
// ("create[1]", "delete[0] id 999"), or returns nil when every item
// succeeded.
func (r *BatchResult[T]) Err() error {
	var errs []error
	for _, part := range []struct {
		name  string
		items []BatchItem[T]
	}{{"create", r.Create}, {"update", r.Update}, {"delete", r.Delete}} {
		for i, it := range part.items {
			if it.Err == nil {
				continue
			}
			if it.ID != 0 {
				errs = append(errs, fmt.Errorf("%s[%d] id %d: %w", part.name, i, it.ID, it.Err))
			} else {
				errs = append(errs, fmt.Errorf("%s[%d]: %w", part.name, i, it.Err))
			}
		}
	}
	return errors.Join(errs...)
}

// batchWire is the JSON answer of a batch call.
type batchWire struct {
	Create []json.RawMessage `json:"create"`
	Update []json.RawMessage `json:"update"`
	Delete []json.RawMessage `json:"delete"`
}

// batchEntry is what every batch answer entry has in common.
type batchEntry struct {
	ID    FlexInt  `json:"id"`
	Error *wpError `json:"error"`
}

func decodeBatchItems[T any](raws []json.RawMessage) ([]BatchItem[T], error) {
	out := make([]BatchItem[T], 0, len(raws))
	for i, raw := range raws {
		var e batchEntry
		if err := json.Unmarshal(raw, &e); err != nil {
			return out, fmt.Errorf("decode batch item %d: %w", i, err)
		}
		if e.Error != nil {
			ae := e.Error.apiError(0)
			if ae.StatusCode == 0 {
				ae.StatusCode = http.StatusInternalServerError
			}
			ae.Body = append([]byte(nil), raw...)
			if len(ae.Body) > maxErrorBody {
				ae.Body = ae.Body[:maxErrorBody]
			}
			out = append(out, BatchItem[T]{ID: int64(e.ID), Err: ae})
			continue
		}
		item := new(T)
		if err := json.Unmarshal(raw, item); err != nil {
			return out, fmt.Errorf("decode batch item %d: %w", i, err)
		}
		out = append(out, BatchItem[T]{ID: int64(e.ID), Item: item})
	}
	return out, nil
}

// batch sends req to path+"/batch", split into calls of at most the
// client's batch limit. On a failed call it returns the items done so far
// with the error. A call without creates is retried like any idempotent
// request; a call with creates is not replayed after a 5xx.
func batch[T any, R any](ctx context.Context, c *Client, op, path string, req BatchRequest[R]) (*BatchResult[T], error) {
	res := &BatchResult[T]{}
	total := req.Len()
	if total == 0 {
		return res, nil
	}
	limit := c.batchLimit
	calls := (total + limit - 1) / limit
	creates, updates, deletes := req.Create, req.Update, req.Delete
	done := 0
	for n := 1; done < total; n++ {
		room := limit
		var chunk BatchRequest[R]
		take := min(room, len(creates))
		chunk.Create, creates, room = creates[:take], creates[take:], room-take
		take = min(room, len(updates))
		chunk.Update, updates, room = updates[:take], updates[take:], room-take
		take = min(room, len(deletes))
		chunk.Delete, deletes = deletes[:take], deletes[take:]
		size := chunk.Len()

		callOp := op
		if calls > 1 {
			callOp = fmt.Sprintf("%s (call %d of %d, items %d-%d of %d)", op, n, calls, done+1, done+size, total)
		}
		var w batchWire
		if _, err := c.send(ctx, call{
			op: callOp, method: http.MethodPost, path: path + "/batch",
			body: chunk, retrySafe: len(chunk.Create) == 0,
		}, &w); err != nil {
			return res, err
		}
		for _, part := range []struct {
			dst *[]BatchItem[T]
			raw []json.RawMessage
		}{{&res.Create, w.Create}, {&res.Update, w.Update}, {&res.Delete, w.Delete}} {
			items, err := decodeBatchItems[T](part.raw)
			*part.dst = append(*part.dst, items...)
			if err != nil {
				return res, fmt.Errorf("woocommerce: %s: %w", callOp, err)
			}
		}
		done += size
	}
	return res, nil
}
