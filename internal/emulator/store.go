package emulator

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// record is one entity: its attributes by name, "id" included.
type record map[string]string

// secretAttributes of nms:extAccount are stored encrypted (CAMPAIGN_API.md, Privacy).
var secretAttributes = map[string]bool{"password": true, "clientSecret": true}

// store is the emulated database: external accounts and installed packages.
// Access is serialised by Emulator.mu.
type store struct {
	path      string
	key       []byte
	nextID    int
	accounts  []record
	installed map[string]bool
	groups    []record            // xtk:group; "right" holds the named rights, comma-separated
	operators map[string]string   // login -> operator @id
	members   map[string][]string // group name -> logins (the xtk:operatorGroup link)
}

type persistedStore struct {
	Key       string              `json:"key"`
	NextID    int                 `json:"next_id"`
	Accounts  []record            `json:"accounts"`
	Installed []string            `json:"installed_packages"`
	Groups    []record            `json:"operator_groups,omitempty"`
	Operators map[string]string   `json:"operators,omitempty"`
	Members   map[string][]string `json:"members,omitempty"`
}

func loadStore(cfg Config) (*store, error) {
	s := &store{path: cfg.StatePath, nextID: 10000, installed: map[string]bool{}, operators: map[string]string{}, members: map[string][]string{}}
	for _, p := range cfg.Installed {
		s.installed[p] = true
	}
	for _, g := range cfg.OperatorGroups {
		s.putGroup(g)
	}
	for _, op := range cfg.Operators {
		for _, g := range op.Groups {
			s.addMember(g, op.Login)
		}
	}
	if cfg.StatePath != "" {
		data, err := os.ReadFile(cfg.StatePath)
		switch {
		case errors.Is(err, os.ErrNotExist):
		case err != nil:
			return nil, fmt.Errorf("reading emulator state: %w", err)
		default:
			var p persistedStore
			if err := json.Unmarshal(data, &p); err != nil {
				return nil, fmt.Errorf("emulator state file %s is not valid: %w", cfg.StatePath, err)
			}
			key, err := base64.StdEncoding.DecodeString(p.Key)
			if err != nil || len(key) != 32 {
				return nil, fmt.Errorf("emulator state file %s has an invalid key", cfg.StatePath)
			}
			s.key, s.nextID, s.accounts = key, p.NextID, p.Accounts
			s.installed = map[string]bool{}
			for _, id := range p.Installed {
				s.installed[id] = true
			}
			if p.Groups != nil {
				s.groups, s.operators, s.members = p.Groups, p.Operators, p.Members
				if s.operators == nil {
					s.operators = map[string]string{}
				}
				if s.members == nil {
					s.members = map[string][]string{}
				}
			}
		}
	}
	if s.key == nil {
		s.key = make([]byte, 32)
		_, _ = rand.Read(s.key)
	}
	return s, nil
}

// save writes the state file atomically, when there is one.
func (s *store) save() error {
	if s.path == "" {
		return nil
	}
	p := persistedStore{Key: base64.StdEncoding.EncodeToString(s.key), NextID: s.nextID, Accounts: s.accounts, Installed: s.installedList(),
		Groups: s.groups, Operators: s.operators, Members: s.members}
	data, err := json.MarshalIndent(p, "", "  ")
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(s.path), ".emulator-state-*")
	if err != nil {
		return err
	}
	if _, err := tmp.Write(data); err != nil {
		_ = tmp.Close()
		_ = os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), s.path)
}

func (s *store) installedList() []string {
	out := make([]string, 0, len(s.installed))
	for id := range s.installed {
		out = append(out, id)
	}
	sort.Strings(out)
	return out
}

// encrypt returns "@" + base64(nonce | AES-GCM ciphertext): like Campaign's
// format in shape, random in content, so two encryptions never match.
func (s *store) encrypt(plain string) string {
	block, _ := aes.NewCipher(s.key)
	gcm, _ := cipher.NewGCM(block)
	nonce := make([]byte, gcm.NonceSize())
	_, _ = rand.Read(nonce)
	return "@" + base64.StdEncoding.EncodeToString(gcm.Seal(nonce, nonce, []byte(plain), nil))
}

func (s *store) decrypt(enc string) (string, error) {
	raw, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(enc, "@"))
	if err != nil || !strings.HasPrefix(enc, "@") {
		return "", errors.New("not an encrypted value")
	}
	block, _ := aes.NewCipher(s.key)
	gcm, _ := cipher.NewGCM(block)
	if len(raw) < gcm.NonceSize() {
		return "", errors.New("not an encrypted value")
	}
	plain, err := gcm.Open(nil, raw[:gcm.NonceSize()], raw[gcm.NonceSize():], nil)
	if err != nil {
		return "", errors.New("value was not encrypted by this instance")
	}
	return string(plain), nil
}

// find returns the index of the account whose key attributes equal those of doc.
func (s *store) find(keys []string, doc record) int {
	for i, r := range s.accounts {
		match := len(keys) > 0
		for _, k := range keys {
			if r[k] != doc[k] {
				match = false
				break
			}
		}
		if match {
			return i
		}
	}
	return -1
}

// writeError is a Write refused by the emulated database.
type writeError struct{ detail string }

func (e *writeError) Error() string { return e.detail }

// write applies one Write document (already checked to be an nms:extAccount).
func (s *store) write(operation string, keys []string, doc record) error {
	for k, v := range doc {
		if secretAttributes[k] && v != "" && !strings.HasPrefix(v, "@") {
			doc[k] = s.encrypt(v)
		}
	}
	idx := -1
	if operation != "insert" {
		idx = s.find(keys, doc)
	}
	switch operation {
	case "delete":
		if idx >= 0 {
			s.accounts = append(s.accounts[:idx], s.accounts[idx+1:]...)
		}
	case "update", "insertOrUpdate", "insert":
		if idx >= 0 {
			for k, v := range doc {
				if k != "id" {
					s.accounts[idx][k] = v
				}
			}
			break
		}
		if operation == "update" {
			return nil // "does nothing if the data does not exist"
		}
		if doc["name"] == "" {
			return &writeError{"PGS-220000 PostgreSQL error: ERROR:  null value in column \"sname\" violates not-null constraint. Impossible to save document of type 'External accounts (nms:extAccount)'"}
		}
		if s.find([]string{"name"}, doc) >= 0 {
			return &writeError{fmt.Sprintf("PGS-220000 PostgreSQL error: ERROR:  duplicate key value violates unique constraint \"nmsextaccount_name\". Impossible to save document of type 'External accounts (nms:extAccount)' (name '%s')", doc["name"])}
		}
		s.nextID++
		doc["id"] = strconv.Itoa(s.nextID)
		s.accounts = append(s.accounts, doc)
	default:
		return &writeError{fmt.Sprintf("XSV-350122 Unknown operation '%s'.", operation)}
	}
	return s.save()
}

// Account returns a copy of the stored account with that internal name.
func (e *Emulator) Account(name string) (map[string]string, bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	i := e.store.find([]string{"name"}, record{"name": name})
	if i < 0 {
		return nil, false
	}
	out := map[string]string{}
	for k, v := range e.store.accounts[i] {
		out[k] = v
	}
	return out, true
}

// AccountNames lists the internal names of all stored accounts, in storage
// order; a name listed twice would be a duplicate.
func (e *Emulator) AccountNames() []string {
	e.mu.Lock()
	defer e.mu.Unlock()
	names := make([]string, 0, len(e.store.accounts))
	for _, r := range e.store.accounts {
		names = append(names, r["name"])
	}
	return names
}

// PutAccount creates or updates an account by internal name, as a change made
// in the Campaign console would (plaintext secrets are encrypted).
func (e *Emulator) PutAccount(attrs map[string]string) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	doc := record{}
	for k, v := range attrs {
		doc[k] = v
	}
	return e.store.write("insertOrUpdate", []string{"name"}, doc)
}

// DeleteAccount removes an account by internal name, out of band.
func (e *Emulator) DeleteAccount(name string) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.store.write("delete", []string{"name"}, record{"name": name})
}

// RevealSecret decrypts a stored secret attribute (tests only need it).
func (e *Emulator) RevealSecret(name, attr string) (string, error) {
	acc, ok := e.Account(name)
	if !ok {
		return "", fmt.Errorf("no account %q", name)
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.store.decrypt(acc[attr])
}

// InstalledPackages lists the installed packages (namespace:name).
func (e *Emulator) InstalledPackages() []string {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.store.installedList()
}
