// Package syncer keeps a WooCommerce store and a NexoPOS point of sale in
// step: categories, products (with variations), stock, customers and orders,
// both ways.
//
// # Functional core, imperative shell
//
// The decisions are pure functions: [PlanCategory], [PlanProduct],
// [PlanCustomer], [PlanOrder], [PlanDelete] and [PlanProductPair] take a
// change (a record converted from a webhook payload, a polled NexoPOS row, or
// both sides of a link during a reconcile), the [Config] and read access to a
// mapping store, and return a [Plan]: the writes to make on the other side,
// the links to record, the records that must be synced first ([Plan.Needs]),
// and what is skipped and why. They do no network I/O, so a plan can be
// printed as a dry run ([Plan.String]) and tested as a plain value.
//
// The [Engine] applies plans with the two clients and records the results:
// it receives webhooks ([Engine.WebhookHandler]) into the store's durable
// inbox before answering 200, applies the inbox with retries
// ([Engine.ProcessInbox]), polls NexoPOS ([Engine.PollNexo]), runs full
// reconciles ([Engine.Reconcile]), syncs chosen records
// ([Engine.SyncRecord]) and sets up the store's webhooks
// ([Engine.EnsureWebhooks]). [Engine.Run] does all of it on a schedule.
//
// # Conflict rules
//
//   - Echo suppression. Each link keeps, per side, the fingerprint of what
//     was last synced. A change whose fingerprint matches is our own write
//     coming back (or a duplicate) and does nothing.
//   - Ordering. Each link keeps, per side, the modification time last seen
//     (date_modified_gmt, updated_at). An older event never overwrites a
//     newer state; a full reconcile recovers what lost events missed.
//   - Ownership. [Ownership] names which side's changes travel for content
//     (name, description, SKU, category, status), price and stock. The
//     default is both ways; when both sides changed the same record between
//     two syncs, the later modification wins for content and price, and
//     stock changes merge.
//   - Stock is a counter. Each product link keeps the stock each side had
//     at the last sync; the change on a side since then is a delta applied to
//     the other side (a NexoPOS adjustment, or WooCommerce stock set to its
//     current value plus the delta), so a web sale and a counter sale in the
//     same minute both count. A web order's own stock change is carried by
//     the order, not as a delta: WooCommerce raises total_sales by what a paid
//     order took, so the core subtracts the change of total_sales from the
//     change of stock, and when the engine writes the order to NexoPOS it
//     moves the NexoPOS baseline by what the order takes there. Variations
//     have no total_sales, so for them the engine also moves the WooCommerce
//     baseline when it carries an order.
//   - Dependencies. A product needs its category and an order its customer
//     and products: the plan names them in Needs, the engine syncs them and
//     plans again, however many there are. Records without a NexoPOS
//     reference get [Defaults].
//   - Idempotent creates. Before creating, the engine looks for the record
//     on the other side by a stable key (SKU, email, the name of a category,
//     the order reference kept in WooCommerce meta data or the NexoPOS order
//     note) and links what it finds; an order create that was interrupted is
//     found among the orders changed since the first attempt. A claim in the
//     store keeps two replicas from creating the same record at once.
//   - Destructive actions are confirmed. A "deleted" webhook is checked by
//     reading the record; what happens on the other side is set per kind by
//     [DeletePolicy] (unlink by default, or trash/unpublish, or delete).
//
// # Orders and NexoPOS stock
//
// A real NexoPOS deducts stock when an order becomes paid and returns it
// when a paid order is voided, refunded or deleted, but it also "returns"
// stock that was never taken when an unpaid order is voided, deleted or
// re-lined. So a web order that is not paid yet is created in NexoPOS on
// hold, paid by adding a payment, deleted if cancelled while on hold,
// voided if cancelled once paid, and replaced (delete and create) if its
// lines change while on hold. Refunds are recorded in NexoPOS with the
// "damaged" condition: the stock WooCommerce puts back travels as a delta.
// A paid web order whose payment method maps to no NexoPOS payment type
// (and no [Config.FallbackPayment] is set) is recorded as a skip the user
// can list, and its stock still moves by adjustment. So does a web order
// the engine first sees already refunded (its webhooks were lost), or sees
// go from pending straight to refunded while NexoPOS holds it (the held
// copy is deleted): a refund restocks only what it says, so the stock the
// sale still holds taken on WooCommerce (its lines' _reduced_stock) is
// taken on NexoPOS too, once each (markers in the mapping store).
//
// A web order on hold (bank transfer) has taken its stock on WooCommerce,
// but its held copy takes none on NexoPOS: its units are reserved there by
// adjustment while it is held, and given back just before its payment takes
// them, or when it is cancelled (markers make each move once).
//
// NexoPOS leaves an order's updated_at alone when it is paid, refunded or
// voided. The poll therefore keeps the set of orders whose payment is open
// (held, unpaid, partially paid) and carries each one that leaves it; it
// lists them only while there may be one.
//
// Refunds travel both ways, each once and never back (a refund made from
// the other side's is recognised by its tag). A refund at the counter
// reaches WooCommerce as that refund: its amount and
// the lines and quantities it refunded, with no restock (the stock returned
// at the counter travels as NexoPOS's stock change) and no gateway refund;
// each NexoPOS refund is carried once (its id is kept in the WooCommerce
// refund's meta data). A partly refunded order stays completed there.
//
// A counter sale travels as its order, never also as a stock change: when
// a POS order fails to sync, the poll holds its stock-movement cursor at
// that order's movement (for up to an hour), and the next poll retries the
// order before it carries the stock of the products it sold.
//
// POS orders go to WooCommerce once paid, completed, with the configured
// shipping method; products that exist only in the POS ("quick" products)
// become fee lines instead of being dropped.
//
// # Variations
//
// A WooCommerce variation maps to a NexoPOS product of its own, named
// "Parent - attribute values", in the parent's category. NexoPOS 4.x and 5.x
// have no variable products that the API can create, and mapping a variation
// to a unit of one product would merge stocks that WooCommerce keeps apart.
// The variable parent itself is not a NexoPOS product (its webhook is a
// skip); a variation's webhook is read with its parent, as a reconcile reads
// it. A variation without a SKU of its own shows its parent's on WooCommerce
// (every sibling the same); it counts as having none, and its NexoPOS copy
// gets a stable one ("woo-" and its id).
//
// # Conflicts a person settles
//
// Some changes cannot be honoured on both sides; the engine picks the
// physical stock and records a skip (see mapping.Store.ListSkips):
//
//   - Sold twice: NexoPOS refuses a paid web order for want of stock. The
//     order is created there on hold, and the conflict recorded.
//   - A stock change NexoPOS cannot take (it never goes below zero):
//     NexoPOS is set to 0 and WooCommerce is brought to the same count.
//   - Backorders. A WooCommerce count below zero is units owed to
//     backorders; NexoPOS cannot hold a debt, so WooCommerce follows the
//     POS's count, never below zero, on every path, and the owed units are
//     recorded for a person to fill: a product first sent to NexoPOS at -3
//     is created there at 0 and WooCommerce is raised to 0 (a later count of
//     7 is then 7 on both sides); a linked product set to -3 takes NexoPOS to
//     0 (the change NexoPOS cannot take, above); a product found on both
//     sides by a reconcile takes the POS's count, as every first link does;
//     a web order that NexoPOS cannot take is the "sold twice" case.
//
// # NexoPOS versions
//
// NexoPOS 4.x has no "set" stock adjustment: where the engine sets a count
// (a new product's initial stock), on 4.x it adds or removes the difference
// from the count it has just read. A product create whose initial stock
// never reached NexoPOS (the process stopped between the two requests)
// leaves the product at 0 there; the retried create, or a reconcile or poll
// that finds the product by SKU first, finishes it from WooCommerce's
// count (a marker in the mapping store says the product is ours), so the 0
// never wins over WooCommerce's count. [Engine.CheckDefaults] reads the
// configured defaults on NexoPOS at start: 5.x refuses a customer without a
// group.
//
// # Known limits
//
// A partial refund made on WooCommerce (the order stays processing) reaches
// NexoPOS as a refund of the lines and quantities it names ("damaged": the
// stock WooCommerce puts back travels as a delta), each once; one that names
// no line is recorded for a person (NexoPOS refunds lines). Cancelling an
// order refunded in part is not yet right for stock on both sides. A refund
// at the
// counter is seen by the poll through the stock it returns (NexoPOS leaves
// updated_at alone); one that returns none (damaged goods) is carried by
// the next reconcile. A sale at the counter in a unit other than the mirrored
// one (a dozen where the piece is mirrored) is not converted: each NexoPOS
// unit keeps its own stock. Coupons travel only as order discounts;
// NexoPOS customers are polled by id, so a changed NexoPOS customer is
// carried by the next reconcile, not by the poll. An order put back from
// on hold to pending on WooCommerce keeps its NexoPOS reservation (the
// stock WooCommerce puts back travels as a delta as well). There is a
// crash window (not a cancellation window: a started plan finishes) between
// an order write, its link and its baseline moves, since the mapping store
// has no multi-record transaction: a process killed inside it can count
// that order's stock twice.
package syncer
