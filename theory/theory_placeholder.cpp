// Keeps lingrok_theory a real library until its first source lands.
namespace lingrok { int theory_placeholder() { return 0; } }
