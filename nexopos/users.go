package nexopos

import "context"

// User is a NexoPOS user. The password hash NexoPOS sends is not kept.
type User struct {
	ID        int64  `json:"id"`
	Username  string `json:"username"`
	Email     string `json:"email"`
	FirstName string `json:"first_name"`
	LastName  string `json:"last_name"`
	Active    bool   `json:"active"`
	GroupID   int64  `json:"group_id"`
	AuthorID  int64  `json:"author_id" alt:"author"`
	CreatedAt Time   `json:"created_at"`
	UpdatedAt Time   `json:"updated_at"`
}

// UnmarshalJSON decodes a user from any NexoPOS version.
func (u *User) UnmarshalJSON(b []byte) error { return decodeObject(b, u) }

// UsersService reads users.
type UsersService service

// Me returns the user the token belongs to (GET /api/user); a cheap way to
// check the URL and the token.
func (s *UsersService) Me(ctx context.Context) (*User, error) {
	var u User
	if err := s.c.call(ctx, "GET", "user", nil, nil, &u); err != nil {
		return nil, wrap("get current user", err)
	}
	return &u, nil
}
