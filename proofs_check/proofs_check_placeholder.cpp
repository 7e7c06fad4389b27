// Keeps lingrok_proofs_check a real library until its first source lands.
namespace lingrok { int proofs_check_placeholder() { return 0; } }
