namespace V2gActors.Ieee2030_5.Resources;

/// <summary>
/// The schema has two list bases (List and SubscribableList) with the same paging attributes;
/// this lets paging code treat both alike.
/// </summary>
public interface IPagedList
{
    /// <summary>How many entries the whole list has.</summary>
    uint All { get; }

    /// <summary>How many entries this page carries.</summary>
    uint Results { get; }
}

public partial class List : IPagedList;

public partial class SubscribableList : IPagedList;
