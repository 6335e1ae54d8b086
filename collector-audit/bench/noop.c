/*
 * The process bench/exec-load.sh execs a thousand times a second: it exits at once. Built with
 * -nostdlib -static, so an exec costs the kernel's work only (no C library start-up, no dynamic
 * loader); on this project's VM a /bin/true costs several times more. Linux x86_64 and aarch64;
 * elsewhere the script falls back to /bin/true.
 */
void _start(void) {
#if defined(__x86_64__)
    __asm__ volatile("mov $60, %eax\n\txor %edi, %edi\n\tsyscall"); /* exit(0) */
#elif defined(__aarch64__)
    __asm__ volatile("mov x8, #93\n\tmov x0, #0\n\tsvc #0"); /* exit(0) */
#else
#error "no exit sequence for this architecture"
#endif
}
