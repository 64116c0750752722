package emulator

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// record is one entity: its attributes by name, "id" included.
type record map[string]string

// secretAttributes of nms:extAccount are stored encrypted (CAMPAIGN_API.md, Privacy).
var secretAttributes = map[string]bool{"password": true, "clientSecret": true}

// store is the emulated database: external accounts, installed packages,
// operator groups and operators. Access is serialised by Emulator.mu.
type store struct {
	path      string
	key       []byte
	nextID    int
	accounts  []record
	installed map[string]bool
	groups    []record            // xtk:group; "right" holds the named rights, comma-separated
	operators []record            // xtk:operator (operators.go); "right" as for groups
	members   map[string][]string // group name -> logins (the xtk:operatorGroup link)
}

type persistedStore struct {
	Key       string              `json:"key"`
	NextID    int                 `json:"next_id"`
	Accounts  []record            `json:"accounts"`
	Installed []string            `json:"installed_packages"`
	Groups    []record            `json:"operator_groups,omitempty"`
	Operators []record            `json:"operator_table,omitempty"`
	Members   map[string][]string `json:"members,omitempty"`
	// LegacyOperators is the login -> @id map of state files written
	// before operators were a table: read, never written.
	LegacyOperators map[string]string `json:"operators,omitempty"`
}

func loadStore(cfg Config) (*store, error) {
	s := &store{path: cfg.StatePath, nextID: 10000, installed: map[string]bool{}, members: map[string][]string{}}
	for _, p := range cfg.Installed {
		s.installed[p] = true
	}
	for _, g := range cfg.OperatorGroups {
		s.putGroup(g)
	}
	// The operators the configuration's credentials act as: the Logon's,
	// and the one of the IMS tokens the instance accepts by itself.
	s.ensureOperator(cfg.Login, AuthenticationNative)
	s.addMember("admin", cfg.Login)
	if len(cfg.AccessTokens) > 0 || cfg.IMSClientID != "" {
		s.ensureOperator(bearerLogin, AuthenticationIMS)
		s.addMember("admin", bearerLogin)
	}
	for _, op := range cfg.Operators {
		s.ensureOperator(op.Login, authenticationOf(op.Login))
		for _, g := range op.Groups {
			s.addMember(g, op.Login)
		}
	}
	if err := s.loadState(cfg.StatePath); err != nil {
		return nil, err
	}
	if s.key == nil {
		s.key = make([]byte, 32)
		_, _ = rand.Read(s.key)
	}
	return s, nil
}

// loadState reads the state file a previous run saved, when there is one.
func (s *store) loadState(path string) error {
	if path == "" {
		return nil
	}
	data, err := os.ReadFile(path) //nolint:gosec // the state file the user chose
	switch {
	case errors.Is(err, os.ErrNotExist):
		return nil
	case err != nil:
		return fmt.Errorf("reading emulator state: %w", err)
	}
	var p persistedStore
	if err := json.Unmarshal(data, &p); err != nil {
		return fmt.Errorf("emulator state file %s is not valid: %w", path, err)
	}
	key, err := base64.StdEncoding.DecodeString(p.Key)
	if err != nil || len(key) != 32 {
		return fmt.Errorf("emulator state file %s has an invalid key", path)
	}
	s.key, s.nextID, s.accounts = key, p.NextID, p.Accounts
	s.installed = map[string]bool{}
	for _, id := range p.Installed {
		s.installed[id] = true
	}
	if p.Groups != nil {
		s.groups, s.operators, s.members = p.Groups, p.Operators, p.Members
		if s.members == nil {
			s.members = map[string][]string{}
		}
		for login, id := range p.LegacyOperators {
			if s.operatorIndex(login) < 0 {
				op := s.ensureOperator(login, authenticationOf(login))
				op["id"] = id
			}
		}
		// Every member is an operator (addMember keeps it so), whatever
		// the file says: the link rows a query reads need its id.
		for _, g := range s.groups {
			for _, login := range s.members[g["name"]] {
				s.ensureOperator(login, authenticationOf(login))
			}
		}
	}
	return nil
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

// copyOf is a copy of the i-th of rows, for a caller outside the lock
// (false when i is -1, not found).
func copyOf(rows []record, i int) (map[string]string, bool) {
	if i < 0 {
		return nil, false
	}
	return maps.Clone(map[string]string(rows[i])), true
}

// namesOf lists the internal names of rows, in storage order.
func namesOf(rows []record) []string {
	names := make([]string, 0, len(rows))
	for _, r := range rows {
		names = append(names, r["name"])
	}
	return names
}

// writeError is a Write refused by the emulated database.
type writeError struct{ detail string }

func (e *writeError) Error() string { return e.detail }

// InstalledPackages lists the installed packages (namespace:name).
func (e *Emulator) InstalledPackages() []string {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.store.installedList()
}
