/**
 * Evidence files: type and size checked, SM3 digest, encrypted at rest with SM4-GCM. The module
 * does not decide who may read a file: the module that owns the record the file belongs to
 * checks that, then calls {@link cn.govcloud.guard.documents.Documents#open}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Documents",
        allowedDependencies = {"shared", "crypto", "audit"})
package cn.govcloud.guard.documents;
